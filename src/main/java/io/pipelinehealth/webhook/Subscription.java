package io.pipelinehealth.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A webhook subscription. {@code secret} is only present in the answer to the POST that created
 * it; {@code enabled} turns false when the subscriber answers 410 Gone.
 */
public record Subscription(
        String id,
        String url,
        List<String> events,
        boolean enabled,
        @JsonInclude(JsonInclude.Include.NON_NULL) String disabledReason,
        Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
}
