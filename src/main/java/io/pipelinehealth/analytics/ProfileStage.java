package io.pipelinehealth.analytics;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;

/**
 * A rep's stage row next to the median deviation of all reps of the pipeline at that stage, with
 * the evidence of rule 11 so the rep sees why they are, or are not, flagged.
 */
public record ProfileStage(
        String stage,
        long closedVisits,
        long onTrack,
        long rushed,
        long slow,
        long skipped,
        BigDecimal medianDeviationSeconds,
        BigDecimal meanDeviationSeconds,
        BigDecimal p90DeviationSeconds,
        BigDecimal pipelineMedianDeviationSeconds,
        long openVisits,
        long frozen,
        @JsonUnwrapped Evidence evidence) {

    static ProfileStage of(RepStageRow row, BigDecimal pipelineMedian) {
        return new ProfileStage(row.stage(), row.closedVisits(), row.onTrack(), row.rushed(), row.slow(), row.skipped(),
                row.medianDeviationSeconds(), row.meanDeviationSeconds(), row.p90DeviationSeconds(), pipelineMedian,
                row.openVisits(), row.frozen(), row.evidence());
    }
}
