package io.pipelinehealth.analytics;

import java.math.BigDecimal;

/** A rep's stage row next to the median deviation of all reps of the pipeline at that stage. */
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
        RepPattern pattern) {

    static ProfileStage of(RepStageRow row, BigDecimal pipelineMedian) {
        return new ProfileStage(row.stage(), row.closedVisits(), row.onTrack(), row.rushed(), row.slow(), row.skipped(),
                row.medianDeviationSeconds(), row.meanDeviationSeconds(), row.p90DeviationSeconds(), pipelineMedian,
                row.openVisits(), row.frozen(), row.pattern());
    }
}
