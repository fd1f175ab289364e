package io.pipelinehealth.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/** One stage of a pipeline over all reps: where deals stall, where they are rushed, where they advance. */
@JsonPropertyOrder({ "stage", "standardSeconds", "closedVisits", "medianActualSeconds", "p75ActualSeconds",
        "p90ActualSeconds", "rushed", "slow", "skipped", "openVisits", "frozen", "conversionRate" })
public record StageAnalyticsRow(
        String stage,
        Long standardSeconds,
        long closedVisits,
        BigDecimal medianActualSeconds,
        BigDecimal p75ActualSeconds,
        BigDecimal p90ActualSeconds,
        long rushed,
        long slow,
        long skipped,
        long openVisits,
        long frozen,
        BigDecimal conversionRate) {
}
