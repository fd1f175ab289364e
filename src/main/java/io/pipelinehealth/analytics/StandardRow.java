package io.pipelinehealth.analytics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigDecimal;

/**
 * A standard learned from won deals next to the configured one. The suggestion (median and p75
 * actual seconds) is null while fewer than {@link StandardQueries#MIN_VISITS} visits back it.
 */
@JsonPropertyOrder({ "stage", "standardSeconds", "wonVisits", "suggestedMedianSeconds", "suggestedP75Seconds" })
public record StandardRow(
        String stage,
        Long standardSeconds,
        long wonVisits,
        BigDecimal suggestedMedianSeconds,
        BigDecimal suggestedP75Seconds) {
}
