package io.pipelinehealth.webhook;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Sends due outbox deliveries. Each round claims a batch in a short transaction (SKIP LOCKED and a
 * lease, safe with several replicas), sends without holding locks, then records each outcome:
 * delivered, retried with exponential backoff, failed after the give-up age, or the subscription
 * disabled on 410 Gone. Ingestion never waits for any of this.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    private final WebhookStore store;
    private final WebhookSender sender;
    private final WebhookConfig config;
    private final Clock clock;

    WebhookDispatcher(WebhookStore store, WebhookSender sender, WebhookConfig config, Clock clock) {
        this.store = store;
        this.sender = sender;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "webhook-dispatch", every = "${pipeline-health.webhooks.dispatch-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        try {
            dispatch();
        } catch (RuntimeException e) {
            LOG.warn("webhook dispatch round failed; it will be retried", e);
        }
    }

    /** One round; answers how many deliveries were attempted. */
    public int dispatch() {
        Instant now = clock.instant();
        Instant lease = now.plus(config.timeout()).plusSeconds(30);
        List<WebhookStore.Claimed> claimed = QuarkusTransaction.requiringNew()
                .call(() -> store.claim(now, lease, config.batchSize()));
        for (WebhookStore.Claimed delivery : claimed) {
            WebhookSender.Outcome outcome = sender.send(delivery);
            QuarkusTransaction.requiringNew().run(() -> record(delivery, outcome));
        }
        return claimed.size();
    }

    private void record(WebhookStore.Claimed delivery, WebhookSender.Outcome outcome) {
        Instant now = clock.instant();
        if (outcome.succeeded()) {
            store.delivered(delivery.deliveryId(), outcome.statusCode(), now);
        } else if (outcome.statusCode() != null && outcome.statusCode() == 410) {
            store.failed(delivery.deliveryId(), 410, "subscriber answered 410 Gone; subscription disabled");
            store.disable(delivery.tenantId(), delivery.subscriptionId(), "subscriber answered 410 Gone at " + now);
        } else {
            Instant giveUp = delivery.createdAt().plus(config.retry().giveUpAfter());
            if (!now.isBefore(giveUp)) {
                store.failed(delivery.deliveryId(), outcome.statusCode(), outcome.error() + "; gave up after "
                        + delivery.attempts() + " attempt(s) over " + config.retry().giveUpAfter());
            } else {
                Instant next = now.plus(backoff(delivery.attempts()));
                store.retryAt(delivery.deliveryId(), outcome.statusCode(), outcome.error(),
                        next.isAfter(giveUp) ? giveUp : next);
            }
        }
    }

    /** initialDelay × 2^(attempts − 1), capped at maxDelay. */
    Duration backoff(int attempts) {
        Duration delay = config.retry().initialDelay();
        for (int i = 1; i < attempts && delay.compareTo(config.retry().maxDelay()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.retry().maxDelay()) > 0 ? config.retry().maxDelay() : delay;
    }
}
