package io.pipelinehealth.lifecycle;

import io.pipelinehealth.db.DatabaseUnavailable;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * How a scheduled background worker meets a database outage: it logs the outage once (not once
 * per round, which at a 1 s interval would flood the log), skips its rounds for a delay that
 * doubles from 1 s up to 10 s (so a worker is back at most 10 s after the database), and says
 * once that it resumed when a round succeeds again. Other failures are logged at every round, as
 * before. One instance per worker ({@link BackgroundWork} keeps them by name); rounds never
 * overlap (the schedulers skip concurrent executions), so plain fields suffice.
 */
final class WorkerBackoff {

    static final Duration FIRST = Duration.ofSeconds(1);
    static final Duration MAX = Duration.ofSeconds(10);

    private final Logger log;
    private final String worker;
    private boolean down;
    private Duration delay = FIRST;
    private long nextAttemptNanos;

    WorkerBackoff(Logger log, String worker) {
        this.log = log;
        this.worker = worker;
    }

    /** One scheduled round: runs it unless backing off; never throws. */
    synchronized void run(Runnable round) {
        if (down && System.nanoTime() - nextAttemptNanos < 0) {
            return;
        }
        try {
            round.run();
            if (down) {
                down = false;
                delay = FIRST;
                log.infof("%s: the database is available again; resumed", worker);
            }
        } catch (RuntimeException e) {
            if (!DatabaseUnavailable.causedBy(e)) {
                log.warnf(e, "%s failed; the next round retries", worker);
                return;
            }
            if (!down) {
                down = true;
                delay = FIRST;
                log.warnf("%s: the database is unavailable (%s); retrying with a backoff of up to %s s, "
                        + "logged once until it is back", worker, rootMessage(e), MAX.toSeconds());
            } else {
                delay = delay.multipliedBy(2).compareTo(MAX) > 0 ? MAX : delay.multipliedBy(2);
            }
            nextAttemptNanos = System.nanoTime() + delay.toNanos();
        }
    }

    /** The driver's words (connection refused, terminating connection...), not a wrapper's. */
    private static String rootMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException && t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message;
    }
}
