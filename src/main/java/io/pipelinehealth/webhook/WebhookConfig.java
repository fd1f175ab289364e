package io.pipelinehealth.webhook;

import io.smallrye.config.ConfigMapping;
import java.time.Duration;

/**
 * Tunables of webhook delivery (env PIPELINE_HEALTH_WEBHOOKS_...). Their defaults are in
 * application.properties, the one place they are written.
 */
@ConfigMapping(prefix = "pipeline-health.webhooks")
public interface WebhookConfig {

    /** How often the dispatcher looks for due deliveries; "off" disables it (schedule.BackgroundSchedule). */
    String dispatchInterval();

    /** Deliveries claimed per dispatcher round. */
    int batchSize();

    /** Connect and response timeout of one attempt. */
    Duration timeout();

    /** Plain http target URLs are accepted (on-premise receivers, tests); otherwise https only. */
    boolean allowHttp();

    /**
     * Targets on loopback, private, link-local, multicast or unspecified addresses are accepted
     * (on-premise receivers, tests); otherwise they are refused at registration and at delivery.
     */
    boolean allowPrivateTargets();

    Retry retry();

    interface Retry {
        /** Delay after the first failure; doubled after each further failure. */
        Duration initialDelay();

        Duration maxDelay();

        /** After this long since the message was created, a failing delivery is marked FAILED. */
        Duration giveUpAfter();
    }
}
