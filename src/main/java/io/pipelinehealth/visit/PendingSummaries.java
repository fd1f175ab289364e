package io.pipelinehealth.visit;

import io.pipelinehealth.db.AfterTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tenants whose summary deltas this process wrote and {@link SummaryCompactor} has not folded
 * yet, so that a round of an idle deployment queries nothing. A tenant is noted when the
 * transaction that wrote its deltas commits: noted earlier, a round could look before the commit,
 * see no delta and forget the tenant. What this process does not write (other replicas' deltas,
 * which they fold, or what a stopped replica left) the compactor's periodic full round finds.
 */
@ApplicationScoped
class PendingSummaries {

    @Inject TransactionSynchronizationRegistry transactions;

    private final Set<String> tenants = ConcurrentHashMap.newKeySet();

    /** Deltas of this tenant were written in the current transaction (or, without one, just now). */
    void written(String tenant) {
        if (transactions.getTransactionKey() == null) {
            tenants.add(tenant);
            return;
        }
        AfterTransaction.run(transactions, status -> {
            if (status == Status.STATUS_COMMITTED) {
                tenants.add(tenant);
            }
        });
    }

    /** The tenants noted so far, no longer noted: the caller folds them, or notes them {@link #again}. */
    List<String> take() {
        List<String> taken = new ArrayList<>();
        for (String tenant : List.copyOf(tenants)) {
            if (tenants.remove(tenant)) {
                taken.add(tenant);
            }
        }
        return taken;
    }

    void again(Collection<String> unfolded) {
        tenants.addAll(unfolded);
    }
}
