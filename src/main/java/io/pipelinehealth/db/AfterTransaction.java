package io.pipelinehealth.db;

import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.function.IntConsumer;

/** Work for when the current transaction has ended, given its outcome ({@link jakarta.transaction.Status}). */
public final class AfterTransaction {

    private AfterTransaction() {
    }

    public static void run(TransactionSynchronizationRegistry transactions, IntConsumer work) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                work.accept(status);
            }
        });
    }
}
