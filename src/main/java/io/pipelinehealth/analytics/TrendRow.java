package io.pipelinehealth.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One ISO week of one rep at one stage: the rep's closed visits that ended in the week, their median
 * deviation and rushed (skipped included) and slow shares, next to the rest of the team's visits
 * and median deviation in the same week. A week without a visit of the rep has 0 visits and null
 * figures; a week without the team's has a null team median.
 */
@JsonPropertyOrder({ "ownerId", "pipelineId", "stage", "week", "weekStart", "closedVisits", "medianDeviationSeconds",
        "rushedShare", "slowShare", "teamClosedVisits", "teamMedianDeviationSeconds" })
public record TrendRow(
        String ownerId,
        String pipelineId,
        String stage,
        String week,
        Instant weekStart,
        long closedVisits,
        BigDecimal medianDeviationSeconds,
        Double rushedShare,
        Double slowShare,
        long teamClosedVisits,
        BigDecimal teamMedianDeviationSeconds) {
}
