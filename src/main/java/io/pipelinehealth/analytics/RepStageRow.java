package io.pipelinehealth.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;

/**
 * One rep at one stage (DOMAIN rules 10 and 11): closed visits in the window by status, the
 * deviations (actual minus standard seconds, skipped visits at 0 s actual), the open visits at asOf,
 * and the pattern with its evidence: the rep's shares against the rest of the team's (rule 11).
 */
@JsonPropertyOrder({ "ownerId", "pipelineId", "stage", "closedVisits", "onTrack", "rushed", "slow", "skipped",
        "medianDeviationSeconds", "meanDeviationSeconds", "p90DeviationSeconds", "openVisits", "frozen" })
public record RepStageRow(
        String ownerId,
        String pipelineId,
        String stage,
        long closedVisits,
        long onTrack,
        long rushed,
        long slow,
        long skipped,
        BigDecimal medianDeviationSeconds,
        BigDecimal meanDeviationSeconds,
        BigDecimal p90DeviationSeconds,
        long openVisits,
        long frozen,
        @JsonUnwrapped Evidence evidence) {

    /** What SQL aggregates for one rep at one stage, before the evidence (computed over the whole family). */
    record Figures(String ownerId, String pipelineId, String stage, long closedVisits, long onTrack, long rushed,
            long slow, long skipped, BigDecimal median, BigDecimal mean, BigDecimal p90, long openVisits, long frozen) {

        StageCount count() {
            return new StageCount(ownerId, stage, closedVisits, rushed + skipped, slow);
        }

        RepStageRow with(Evidence evidence) {
            return new RepStageRow(ownerId, pipelineId, stage, closedVisits, onTrack, rushed, slow, skipped, median, mean,
                    p90, openVisits, frozen, evidence);
        }
    }
}
