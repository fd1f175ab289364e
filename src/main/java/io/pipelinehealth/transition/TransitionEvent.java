package io.pipelinehealth.transition;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** A validated transition event; {@code occurredAt} is kept to the microsecond, as stored. */
public record TransitionEvent(
        String eventId,
        String opportunityId,
        String pipelineId,
        String stage,
        Instant occurredAt,
        String ownerId,
        BigDecimal amount,
        String currency,
        Map<String, String> attributes) {

    public TransitionEvent {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * DOMAIN rule 2: same meaning once parsed. Instants compare whatever their offset, amounts
     * as numbers (1.50 equals 1.5), attribute maps by equality with absent meaning empty.
     */
    public boolean sameContentAs(TransitionEvent other) {
        return eventId.equals(other.eventId)
                && opportunityId.equals(other.opportunityId)
                && pipelineId.equals(other.pipelineId)
                && stage.equals(other.stage)
                && occurredAt.equals(other.occurredAt)
                && ownerId.equals(other.ownerId)
                && (amount == null ? other.amount == null : other.amount != null && amount.compareTo(other.amount) == 0)
                && Objects.equals(currency, other.currency)
                && attributes.equals(other.attributes);
    }
}
