package io.pipelinehealth.transition;

import io.pipelinehealth.lifecycle.BackgroundWork;
import io.pipelinehealth.common.TenantDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Works off the durable record of opportunities still to derive: events stored by an asynchronous
 * request (Prefer: respond-async), or by a request whose service stopped between storing its
 * events and deriving them. Runs at start and then periodically, on every replica. An opportunity
 * is claimed by its row lock taken with {@code for update skip locked}
 * ({@link Derivation#deriveUnheld}): a replica never waits on another replica or a request
 * deriving it, it leaves that opportunity to them (or to its next round, while the record stays).
 */
@ApplicationScoped
public class DerivationBacklog {

    static final int CHUNK = 500;

    @Inject TenantDirectory tenants;
    @Inject TransitionStore store;
    @Inject Derivation derivation;
    @Inject BackgroundWork work;

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
                return derivation.deriveUnheld(tenantId, pending).derived();
            });
            total += derived;
            // a full chunk may hide more behind it; one that others hold entirely waits for the next round;
            // a stopping service leaves the rest to the other replicas (or its own next start)
            if (found[0] < CHUNK || derived == 0 || work.stopping()) {
                return total;
            }
        }
    }
}
