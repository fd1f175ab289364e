package io.pipelinehealth.opportunity;

import io.pipelinehealth.worktime.TimeBasis;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One opportunity as of an instant: its visits and per-stage totals (DOMAIN rule 14). */
public record OpportunityView(
        String opportunityId,
        String pipelineId,
        String ownerId,
        String currentStage,
        OpportunityState state,
        boolean frozen,
        Instant asOf,
        TimeBasis timeBasis,
        BigDecimal amount,
        String currency,
        Map<String, String> attributes,
        List<VisitRow> visits,
        List<StageRow> stages,
        List<HandoffRow> handoffs) {

    /** A hand-off up to asOf (rule 12); stage and ownerId are set for TO_SALES only. */
    public record HandoffRow(
            long handoffId,
            String direction,
            Instant at,
            String reason,
            String by,
            String stage,
            String ownerId,
            boolean automatic) {
    }

    public record VisitRow(
            String stage,
            Instant enteredAt,
            Instant leftAt,
            String ownerId,
            long actualSeconds,
            long standardSeconds,
            long deviationSeconds,
            String status) {
    }

    public record StageRow(
            String stage,
            int visits,
            long cumulativeSeconds,
            long standardSeconds,
            long deviationSeconds) {
    }
}
