package io.pipelinehealth.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * One rep at one stage (DOMAIN rules 10 and 11): closed visits in the window by status, the
 * deviations (actual minus standard seconds, skipped visits at 0 s actual) and the open visits at asOf.
 */
@JsonPropertyOrder({ "ownerId", "pipelineId", "stage", "closedVisits", "onTrack", "rushed", "slow", "skipped",
        "medianDeviationSeconds", "meanDeviationSeconds", "p90DeviationSeconds", "openVisits", "frozen", "pattern" })
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
        RepPattern pattern) {
}
