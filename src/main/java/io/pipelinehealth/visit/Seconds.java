package io.pipelinehealth.visit;

import java.time.Instant;

/** Rule 13: durations are whole seconds between instants each truncated to the second. */
public final class Seconds {

    private Seconds() {
    }

    public static long epoch(Instant instant) {
        return instant.getEpochSecond();
    }

    public static long between(Instant from, Instant to) {
        return to.getEpochSecond() - from.getEpochSecond();
    }
}
