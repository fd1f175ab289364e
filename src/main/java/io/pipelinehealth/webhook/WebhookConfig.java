package io.pipelinehealth.webhook;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tunables of webhook delivery (env PIPELINE_HEALTH_WEBHOOKS_...). */
@ConfigMapping(prefix = "pipeline-health.webhooks")
public interface WebhookConfig {

    /** How often the dispatcher looks for due deliveries; "off" disables it. */
    @WithDefault("5s")
    String dispatchInterval();

    /** Deliveries claimed per dispatcher round. */
    @WithDefault("50")
    int batchSize();

    /** Connect and response timeout of one attempt. */
    @WithDefault("PT10S")
    Duration timeout();

    /** Plain http target URLs are accepted (on-premise receivers, tests); otherwise https only. */
    @WithDefault("false")
    boolean allowHttp();

    /**
     * Targets on loopback, private, link-local, multicast or unspecified addresses are accepted
     * (on-premise receivers, tests); otherwise they are refused at registration and at delivery.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    Retry retry();

    interface Retry {
        /** Delay after the first failure; doubled after each further failure. */
        @WithDefault("PT10S")
        Duration initialDelay();

        @WithDefault("PT1H")
        Duration maxDelay();

        /** After this long since the message was created, a failing delivery is marked FAILED. */
        @WithDefault("PT24H")
        Duration giveUpAfter();
    }
}
