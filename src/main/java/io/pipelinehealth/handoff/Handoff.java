package io.pipelinehealth.handoff;

import io.pipelinehealth.visit.HandoffDirection;
import java.time.Instant;

/** A stored hand-off as the API shows it; {@code stage} and {@code ownerId} are set for TO_SALES only. */
public record Handoff(
        long handoffId,
        String opportunityId,
        String pipelineId,
        HandoffDirection direction,
        Instant at,
        String reason,
        String by,
        String stage,
        String ownerId,
        boolean automatic,
        Instant recordedAt) {
}
