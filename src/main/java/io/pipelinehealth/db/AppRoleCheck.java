package io.pipelinehealth.db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;

/** Refuses to start when the service's queries would bypass row-level security. */
@ApplicationScoped
public class AppRoleCheck {

    /** The role the service's queries run as, and whether it escapes row-level security. */
    public record QueryRole(String name, boolean superuser, boolean bypassRls) {
    }

    @Inject AgroalDataSource dataSource;

    void onStart(@Observes StartupEvent event) {
        QueryRole role = queryRole();
        if (role.superuser() || role.bypassRls()) {
            throw new IllegalStateException("queries run as " + role.name() + ", which bypasses row-level security; "
                    + "the migration creating role " + TenantSession.APP_ROLE + " has not run, or the database user "
                    + "may not SET ROLE to it");
        }
    }

    public QueryRole queryRole() {
        try (Connection connection = dataSource.getConnection()) {
            return new NamedSql("select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user")
                    .first(connection, row -> new QueryRole(row.getString(1), row.getBoolean(2), row.getBoolean(3)))
                    .orElseThrow();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the database role: " + e.getMessage(), e);
        }
    }
}
