package io.pipelinehealth.opportunity;

import java.time.Instant;

/** Where one opportunity stands as of the list's asOf; standard and deviation only while at a stage. */
public record OpportunityListItem(
        String opportunityId,
        String pipelineId,
        String ownerId,
        String currentStage,
        OpportunityState state,
        boolean frozen,
        Instant enteredAt,
        long elapsedSeconds,
        Long standardSeconds,
        Long deviationSeconds) {
}
