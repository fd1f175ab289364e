package io.pipelinehealth.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** One message to one subscription, as the delivery log shows it. Status: PENDING, DELIVERED or FAILED. */
public record Delivery(
        long deliveryId,
        String messageId,
        String eventType,
        String status,
        int attempts,
        Instant createdAt,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Integer lastStatusCode,
        String lastError,
        Instant deliveredAt,
        JsonNode payload) {
}
