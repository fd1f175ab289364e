package io.pipelinehealth.transition;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The derivation backlog of the caller's tenant. */
public record IngestStatus(
        @Schema(description = "Opportunities whose stored events are not derived into visits yet")
        long pendingOpportunities,
        @Schema(description = "When the oldest pending derivation was recorded; null when nothing is pending", nullable = true)
        Instant oldestPendingSince) {
}
