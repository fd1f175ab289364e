package io.pipelinehealth.analytics;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A connection for the rep and stage analytics, with parallel query off for its statements unless
 * pipeline-health.analytics.parallel-query is true. Their plans read the closed visits from one
 * index in order (a part that is not parallelised anyway), and the only part PostgreSQL would run
 * in parallel is the small open-visits branch, whose workers cost more than they save on a few
 * cores (docs/benchmarks.md). The setting is reset before the connection goes back to the pool.
 */
@ApplicationScoped
class SerialSession {

    @Inject AgroalDataSource dataSource;
    @ConfigProperty(name = "pipeline-health.analytics.parallel-query")
    boolean parallel;
    @ConfigProperty(name = "pipeline-health.analytics.summary")
    boolean summary;

    /** An open connection; closing it restores the setting and returns the connection. */
    final class Session implements AutoCloseable {
        private final Connection connection;

        private Session(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        /** Whether reads may come from the analytics summary (V22); false makes every read scan the visits. */
        boolean summary() {
            return summary;
        }

        @Override
        public void close() throws SQLException {
            try (connection) {
                if (!parallel) {
                    new NamedSql("reset max_parallel_workers_per_gather").update(connection);
                }
            }
        }
    }

    Session open() throws SQLException {
        Connection connection = dataSource.getConnection();
        if (!parallel) {
            try {
                new NamedSql("set max_parallel_workers_per_gather = 0").update(connection);
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        }
        return new Session(connection);
    }
}
