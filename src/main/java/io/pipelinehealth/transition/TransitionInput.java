package io.pipelinehealth.transition;

import java.math.BigDecimal;
import java.util.Map;

/**
 * A transition event as a CRM sends it, in JSON or as one CSV row. Loosely typed so that one
 * validation pass can name every bad field of every item.
 */
public record TransitionInput(
        String eventId,
        String opportunityId,
        String pipelineId,
        String stage,
        String occurredAt,
        String ownerId,
        BigDecimal amount,
        String currency,
        Map<String, String> attributes) {
}
