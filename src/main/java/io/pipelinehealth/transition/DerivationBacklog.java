package io.pipelinehealth.transition;

import io.pipelinehealth.common.TenantDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Works off the durable record of opportunities still to derive: events stored by an asynchronous
 * request (Prefer: respond-async), or by a request whose service stopped between storing its
 * events and deriving them. Runs at start and then periodically, on every replica; two replicas
 * deriving the same opportunity take turns on its row lock, and the second finds nothing left.
 */
@ApplicationScoped
public class DerivationBacklog {

    private static final Logger LOG = Logger.getLogger(DerivationBacklog.class);
    static final int CHUNK = 500;

    private final TenantDirectory tenants;
    private final TransitionStore store;
    private final Derivation derivation;

    DerivationBacklog(TenantDirectory tenants, TransitionStore store, Derivation derivation) {
        this.tenants = tenants;
        this.store = store;
        this.derivation = derivation;
    }

    @Scheduled(identity = "derive-pending", every = "${pipeline-health.ingest.derive-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            workOff();
        } catch (RuntimeException e) {
            LOG.warn("deriving pending opportunities failed; the next run retries", e);
        }
    }

    /** Derives everything pending, tenant by tenant; answers how many opportunities it derived. */
    public int workOff() {
        return tenants.forEachTenant(this::workOff);
    }

    private int workOff(String tenantId) {
        int total = 0;
        while (true) {
            int[] found = new int[1];
            int derived = QuarkusTransaction.requiringNew().call(() -> {
                Map<String, String> pending = store.pendingOpportunities(tenantId, CHUNK);
                found[0] = pending.size();
                return derivation.derive(tenantId, pending, Map.of());
            });
            total += derived;
            if (found[0] < CHUNK) {
                return total;
            }
        }
    }
}
