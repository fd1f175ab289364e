package io.pipelinehealth.db;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Row-level security's half in the service: every connection checked out of the pool runs as the
 * unprivileged role {@value #APP_ROLE} with the current tenant in {@value #TENANT_SETTING}, in one
 * round trip. Agroal calls this once per checkout, after the connection joined the JTA transaction
 * (a transaction's further getConnection calls share that checkout), so the setting holds for the
 * whole unit of work; it is set again at every checkout, so a pooled connection never carries the
 * previous tenant into the next unit (nor a value a rollback restored). Both are session settings:
 * per-transaction ones would be gone after the first commit of an autocommit connection.
 * <p>
 * Before the migration that creates the role has run (Flyway's first connections at the first
 * start), the role falls back to the login user; {@link AppRoleCheck} refuses to start if the
 * service's queries would still run as a superuser or with BYPASSRLS. Flyway itself resets the role
 * (quarkus.flyway.init-sql) and migrates as the owner.
 */
@ApplicationScoped
public class TenantSession implements AgroalPoolInterceptor {

    public static final String APP_ROLE = "pipeline_health_app";
    public static final String TENANT_SETTING = "pipeline_health.tenant";

    private final TenantOfWork tenants;

    TenantSession(TenantOfWork tenants) {
        this.tenants = tenants;
    }

    @Override
    public void onConnectionAcquire(Connection connection) {
        try (PreparedStatement statement = new NamedSql("""
                select set_config('role', coalesce(to_regrole(:role)::text, 'none'), false),
                       set_config(:setting, :tenant, false)""")
                .set("role", APP_ROLE).set("setting", TENANT_SETTING).set("tenant", tenant()).prepare(connection)) {
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the tenant of a database connection: " + e.getMessage(), e);
        }
    }

    /** No tenant (an empty setting) matches no row: work outside any tenant sees nothing. */
    private String tenant() {
        try {
            return tenants.tenant();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
