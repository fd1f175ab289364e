package io.pipelinehealth.webhook;

import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

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
        @Schema(type = SchemaType.OBJECT, description = "The message body as sent: {type, timestamp, data}.") Map<String, Object> payload) {
}
