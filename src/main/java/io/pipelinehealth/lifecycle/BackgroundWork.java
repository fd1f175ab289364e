package io.pipelinehealth.lifecycle;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import org.jboss.logging.Logger;

/**
 * The scheduled workers' side of a graceful stop. From the moment the stop begins (the drain
 * delay after SIGTERM, when readiness turns DOWN) no new round starts, and a round in progress
 * ends after its current unit (a chunk of the backlog, one delivery, one scan batch), releasing
 * what it claimed: row locks end with its transaction, webhook leases are handed back
 * ({@code WebhookDispatcher}). The stop waits for such a round, at most {@link #WAIT}.
 * <p>
 * {@code schedule.BackgroundSchedule} runs every worker's rounds through {@link #round}, under the
 * worker's name: the name keys its {@link WorkerBackoff} and is how the log speaks of it.
 */
@ApplicationScoped
public class BackgroundWork {

    private static final Logger LOG = Logger.getLogger(BackgroundWork.class);
    static final Duration WAIT = Duration.ofSeconds(20);

    private final Map<String, WorkerBackoff> backoffs = new ConcurrentHashMap<>();
    private volatile boolean stopping;
    private int running;

    /** Whether the service is stopping: a worker ends its round after the current unit. */
    public boolean stopping() {
        return stopping;
    }

    /**
     * One scheduled round of the named worker, unless the service is stopping or the worker is
     * backing off from a database outage; never throws. The stop waits for it to end. The request
     * context is active, as in a request (a Panache read outside a transaction needs it).
     */
    @ActivateRequestContext
    public void round(String worker, Runnable work) {
        WorkerBackoff backoff = backoffs.computeIfAbsent(worker, name -> new WorkerBackoff(LOG, name));
        synchronized (this) {
            if (stopping) {
                return;
            }
            running++;
        }
        try {
            backoff.run(work);
        } finally {
            synchronized (this) {
                running--;
                notifyAll();
            }
        }
    }

    /**
     * Runs batches, each in a transaction of its own, until one comes back smaller than a full
     * batch (nothing more to do) or the service is stopping; answers the sum of their counts.
     */
    public int inBatches(int fullBatch, IntSupplier batch) {
        int total = 0;
        int done;
        do {
            done = QuarkusTransaction.requiringNew().call(batch::getAsInt);
            total += done;
        } while (done == fullBatch && !stopping());
        return total;
    }

    void onDrain(@Observes ShutdownDelayInitiatedEvent event) {
        stopping = true;
        LOG.info("Stopping: readiness is DOWN; background work starts no new round");
    }

    /** Early among the shutdown observers: the database must still be there for the last unit. */
    void onStop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (this) {
            stopping = true;
            while (running > 0 && deadline - System.nanoTime() > 0) {
                wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
            if (running > 0) {
                LOG.warnf("Stopping: %d background round(s) still running after %s s; their claims expire on their own",
                        running, WAIT.toSeconds());
            } else {
                LOG.info("Stopping: background work finished");
            }
        }
    }
}
