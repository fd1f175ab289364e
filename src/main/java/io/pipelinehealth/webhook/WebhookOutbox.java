package io.pipelinehealth.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The transactional outbox: callers enqueue inside their own transaction, so a message exists
 * exactly when what it announces was committed. The dispatcher sends it later.
 */
@ApplicationScoped
public class WebhookOutbox {

    @Inject WebhookStore store;
    @Inject ObjectMapper json;
    @Inject Clock clock;

    /** Standard Webhooks payload shape: {"type", "timestamp", "data"}; one message id for all subscribers. */
    public void enqueue(String tenantId, String eventType, Map<String, Object> data) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("type", eventType);
        payload.put("timestamp", now.toString());
        payload.put("data", data);
        try {
            store.enqueue(tenantId, "msg_" + UUID.randomUUID().toString().replace("-", ""), eventType,
                    json.writeValueAsString(payload), now);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
