package io.pipelinehealth.analytics;

import java.time.Instant;

/** An opportunity at a stage as of asOf, for the rep who currently owns it (rule 10). */
public record OpenDeal(
        String opportunityId,
        String stage,
        Instant enteredAt,
        long elapsedSeconds,
        long standardSeconds,
        long secondsPastStandard,
        boolean frozen) {
}
