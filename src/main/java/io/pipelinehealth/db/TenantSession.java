package io.pipelinehealth.db;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

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
 * <p>
 * On Citus (the database has the {@code citus} extension, V20) the shards live on worker nodes,
 * and row-level security is checked there: a session setting of the coordinator never reaches
 * them, and Citus forwards only {@code SET LOCAL} commands of a transaction block (with
 * {@code citus.propagate_set_commands = 'local'}). So there every checkout also runs in a
 * transaction block and sets the tenant with {@code SET LOCAL}: a connection checked out inside a
 * JTA transaction already is in one; an autocommit one is switched to manual commit here, and the
 * pool's reset at its return (autocommit on again) commits what it did. Its statements then commit
 * together at its return instead of one by one; nothing of the service relies on the difference.
 */
@ApplicationScoped
public class TenantSession implements AgroalPoolInterceptor {

    public static final String APP_ROLE = "pipeline_health_app";
    public static final String TENANT_SETTING = "pipeline_health.tenant";

    @Inject TenantOfWork tenants;

    @Override
    public void onConnectionAcquire(Connection connection) {
        String tenant = tenant();
        try {
            boolean citus = new NamedSql("""
                    select set_config('role', coalesce(to_regrole(:role)::text, 'none'), false),
                           set_config(:setting, :tenant, false),
                           exists (select 1 from pg_extension where extname = 'citus')""")
                    .set("role", APP_ROLE).set("setting", TENANT_SETTING).set("tenant", tenant)
                    .first(connection, row -> row.getBoolean(3)).orElse(false);
            if (citus) {
                toWorkers(connection, tenant);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not set the tenant of a database connection: " + e.getMessage(), e);
        }
    }

    /** Citus: the same tenant as a {@code SET LOCAL}, which Citus repeats on every worker it uses. */
    private static void toWorkers(Connection connection, String tenant) throws SQLException {
        if (connection.getAutoCommit()) {
            connection.setAutoCommit(false);
        }
        try (Statement set = connection.createStatement()) {
            set.execute("set local citus.propagate_set_commands = 'local'; " + setLocal(tenant)); // one round trip
        }
    }

    /**
     * Switches the tenant for the rest of the current transaction: a {@code SET LOCAL}, which Citus
     * repeats on the workers (a {@code set_config} call it would not).
     */
    public static void setLocal(Connection connection, String tenant) throws SQLException {
        try (Statement set = connection.createStatement()) {
            set.execute(setLocal(tenant));
        }
    }

    private static String setLocal(String tenant) {
        return "set local " + TENANT_SETTING + " = " + literal(tenant);
    }

    /** A SQL string literal (SET takes no parameters); standard_conforming_strings is on since PostgreSQL 9.1. */
    static String literal(String value) {
        if (value.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a tenant id with a NUL character");
        }
        return "'" + value.replace("'", "''") + "'";
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
