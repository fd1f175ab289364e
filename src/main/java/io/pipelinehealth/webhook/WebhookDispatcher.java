package io.pipelinehealth.webhook;

import io.pipelinehealth.lifecycle.BackgroundWork;
import io.pipelinehealth.common.TenantDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sends due outbox deliveries, tenant by tenant (row-level security shows one tenant at a time).
 * Each round claims a batch in a short transaction (SKIP LOCKED, a lease and a random claim token),
 * sends without holding locks, then records each outcome: delivered, retried with exponential
 * backoff, failed after the give-up age, or the subscription disabled on 410 Gone.
 * <p>
 * Several replicas share the outbox. A batch is sent one delivery after another, so a lease taken
 * once for the whole batch could lapse before its last deliveries are sent (50 × a 10 s timeout),
 * and another replica would claim and send them again. The lease is therefore renewed for each
 * delivery just before its attempt, by the claim's token: it then only has to cover one attempt
 * (DNS check, connect and response: {@link #lease()}), the renewal fails when another replica took
 * the delivery over (which then sends it; we skip it), and outcomes are written only with the
 * token. Renewing costs one short update per attempt; a lease sized to the whole batch would
 * instead hold a crashed replica's deliveries for many minutes. What remains is a process stalled
 * for longer than a lease in the middle of a send: receivers deduplicate on webhook-id.
 */
@ApplicationScoped
public class WebhookDispatcher {

    @Inject WebhookStore store;
    @Inject WebhookSender sender;
    @Inject TenantDirectory tenants;
    @Inject WebhookConfig config;
    @Inject Clock clock;
    @Inject BackgroundWork work;

    /** One round over every tenant; answers how many deliveries were attempted. */
    public int dispatch() {
        return tenants.forEachTenant(this::dispatch);
    }

    /** One tenant's round (a test drives it alone: other tenants' backlogs are not its business). */
    int dispatch(String tenantId) {
        Instant now = clock.instant();
        List<WebhookStore.Claimed> claimed = QuarkusTransaction.requiringNew()
                .call(() -> store.claim(tenantId, now, now.plus(lease()), config.batchSize()));
        int attempted = 0;
        for (WebhookStore.Claimed delivery : claimed) {
            if (work.stopping()) {
                // hand the rest back at once, rather than leaving them leased to a process that is gone
                QuarkusTransaction.requiringNew().run(() -> store.release(delivery, clock.instant()));
                continue;
            }
            Instant start = clock.instant();
            if (!QuarkusTransaction.requiringNew().call(() -> store.renew(delivery, start, start.plus(lease())))) {
                continue;
            }
            WebhookSender.Outcome outcome = sender.send(delivery);
            QuarkusTransaction.requiringNew().run(() -> record(delivery, outcome));
            attempted++;
        }
        return attempted;
    }

    /** One attempt: the address check may wait on DNS, then connect and response each up to the timeout. */
    private Duration lease() {
        return config.timeout().multipliedBy(2).plusSeconds(30);
    }

    private void record(WebhookStore.Claimed delivery, WebhookSender.Outcome outcome) {
        Instant now = clock.instant();
        if (outcome.succeeded()) {
            store.delivered(delivery, outcome.statusCode(), now);
        } else if (outcome.statusCode() != null && outcome.statusCode() == 410) {
            if (store.failed(delivery, 410, "subscriber answered 410 Gone; subscription disabled")) {
                store.disable(delivery.tenantId(), delivery.subscriptionId(), "subscriber answered 410 Gone at " + now);
            }
        } else {
            Instant giveUp = delivery.createdAt().plus(config.retry().giveUpAfter());
            if (!now.isBefore(giveUp)) {
                store.failed(delivery, outcome.statusCode(), outcome.error() + "; gave up after "
                        + delivery.attempts() + " attempt(s) over " + config.retry().giveUpAfter());
            } else {
                Instant next = now.plus(backoff(delivery.attempts()));
                store.retryAt(delivery, outcome.statusCode(), outcome.error(), next.isAfter(giveUp) ? giveUp : next);
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
