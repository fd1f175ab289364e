package io.pipelinehealth.opportunity;

import io.pipelinehealth.visit.VisitStatus;
import java.time.Instant;

/** Filters of the opportunity list; null means "any". {@code after} is the keyset position. */
public record OpportunityFilter(String pipelineId, String ownerId, String stage, VisitStatus status, Instant asOf,
        String after, int limit) {
}
