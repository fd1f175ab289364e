package io.pipelinehealth.webhook;

import java.util.List;

/** The body of POST /api/v1/webhooks. */
public record SubscriptionRequest(String url, List<String> events) {
}
