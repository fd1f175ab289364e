package io.pipelinehealth.visit;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.TenantDirectory;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.lifecycle.BackgroundWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Folds the derivations' summary deltas into {@code visit_summary} (V22) and its cells (V24),
 * pipeline by pipeline, so the analytics add up one row per cell. A fold ({@link SummaryFold})
 * moves the deltas it sees into their groups and cells in one transaction: a read sees the deltas
 * or the folded sums, never both or neither. One replica folds a pipeline at a time (a
 * transaction-scoped advisory lock; a busy pipeline is left for the next round), so folds never
 * wait on each other.
 * <p>
 * A round folds the tenants this process wrote deltas for ({@link PendingSummaries}), so the
 * rounds of an idle deployment cost no query. The first round and then one a minute visit every
 * tenant, for the deltas other replicas left when they stopped (each replica folds its own).
 * Unfolded deltas cost reads a little time, never a wrong figure: a read adds them.
 */
@ApplicationScoped
public class SummaryCompactor {

    public static final String SCHEDULE = "summary-compaction";
    static final Duration FULL_ROUND = Duration.ofMinutes(1);

    @Inject AgroalDataSource dataSource;
    @Inject TenantDirectory tenants;
    @Inject BackgroundWork work;
    @Inject PendingSummaries pending;

    /** When the next round visits every tenant; the first one does. */
    private volatile long fullRoundNanos = System.nanoTime();

    /** Every tenant when a full round is due, else the tenants noted since; answers how many pipelines it folded. */
    public int round() {
        if (System.nanoTime() - fullRoundNanos >= 0) {
            fullRoundNanos = System.nanoTime() + FULL_ROUND.toNanos();
            return compact();
        }
        return compact(pending.take());
    }

    /** One round over every tenant; answers how many pipelines it folded. */
    public int compact() {
        pending.take();
        return compact(tenants.tenants());
    }

    /** Folds the given tenants' deltas; a tenant not folded to the end is noted again for the next round. */
    private int compact(List<String> tenantIds) {
        Set<String> unfolded = new HashSet<>(tenantIds);
        try {
            return TenantDirectory.forEach(tenantIds, tenant -> {
                int folded = 0;
                boolean complete = true;
                for (String pipeline : pipelinesWithDeltas(tenant)) {
                    if (work.stopping()) {
                        complete = false;
                        break;
                    }
                    if (QuarkusTransaction.requiringNew().call(() -> fold(tenant, pipeline))) {
                        folded++;
                    } else {
                        complete = false;
                    }
                }
                if (complete) {
                    unfolded.remove(tenant);
                }
                return folded;
            });
        } finally {
            pending.again(unfolded);
        }
    }

    private List<String> pipelinesWithDeltas(String tenant) {
        return new NamedSql("select distinct pipeline_id from visit_summary_delta where tenant_id = :tenant")
                .set("tenant", tenant).strings(dataSource);
    }

    private boolean fold(String tenant, String pipeline) {
        try (Connection connection = dataSource.getConnection()) {
            boolean locked = new NamedSql(
                    "select pg_try_advisory_xact_lock(hashtextextended('visit_summary/' || :tenant || '/' || :pipeline, 0))")
                    .set("tenant", tenant).set("pipeline", pipeline).first(connection, row -> row.getBoolean(1))
                    .orElse(false);
            if (!locked) {
                return false;
            }
            SummaryFold.run(connection, tenant, pipeline);
            return true;
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }
}
