package io.pipelinehealth.webhook;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outbox of deliveries: set-based SQL (an event becomes one row per enabled subscription, claims
 * skip locked rows, a 410 disables a subscription and fails its pending rows). The subscriptions
 * themselves are Panache entities ({@link SubscriptionEntity}).
 */
@ApplicationScoped
public class WebhookStore {

    /** A delivery claimed by the dispatcher, with what it needs to send it. */
    public record Claimed(long deliveryId, UUID claimToken, String tenantId, String subscriptionId, String messageId,
            String payload, int attempts, Instant createdAt, String url, String secret) {
    }

    /** A raw delivery row; the service parses the payload for the log. */
    record Row(long deliveryId, String messageId, String eventType, String status, int attempts, Instant createdAt,
            Instant lastAttemptAt, Instant nextAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt,
            String payload) {
    }

    @Inject AgroalDataSource dataSource;

    /**
     * The outbox write: one PENDING delivery per enabled subscription to this event type. The
     * subscriptions are read first (a materialized CTE): Citus then routes that read to the tenant's
     * shard and inserts what it found there, where an insert straight from the select ran on every
     * shard (Citus does not prune an INSERT ... SELECT by its parameters). {@code on conflict do
     * nothing} never applies (a new identity) but makes it an INSERT, not a COPY, which row-level
     * security refuses.
     */
    public int enqueue(String tenantId, String messageId, String eventType, String payload, Instant now) {
        return new NamedSql("""
                with subscribed as materialized (
                    select subscription_id from webhook_subscription
                    where tenant_id = :tenant and enabled and :eventType = any(events)
                )
                insert into webhook_delivery (tenant_id, subscription_id, message_id, event_type, payload, status,
                    created_at, next_attempt_at)
                select :tenant, subscription_id, :message, :eventType, :payload, 'PENDING', :now, :now
                from subscribed
                on conflict do nothing
                """).set("message", messageId).set("eventType", eventType).set("payload", payload).set("now", now)
                .set("tenant", tenantId).update(dataSource);
    }

    /**
     * Claims due deliveries of enabled subscriptions of the current tenant under a new random token:
     * SKIP LOCKED keeps replicas off each other's rows, and the lease (next_attempt_at moved ahead)
     * keeps them off while the claimer works. {@code attempts} answers the number of the attempt to make.
     */
    public List<Claimed> claim(String tenantId, Instant now, Instant leaseUntil, int limit) {
        UUID token = UUID.randomUUID();
        return new NamedSql("""
                with due as (
                    select d.delivery_id from webhook_delivery d
                    join webhook_subscription s
                      on s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
                    where d.tenant_id = :tenant and d.status = 'PENDING' and d.next_attempt_at <= :now
                      and s.enabled
                    order by d.next_attempt_at
                    limit :limit
                    for update of d skip locked
                )
                update webhook_delivery d
                   set next_attempt_at = :leaseUntil, claim_token = :token
                  from due, webhook_subscription s
                 where d.tenant_id = :tenant and d.delivery_id = due.delivery_id
                   and s.tenant_id = d.tenant_id and s.subscription_id = d.subscription_id
                returning d.delivery_id, d.tenant_id, d.subscription_id, d.message_id, d.payload, d.attempts + 1,
                          d.created_at, s.url, s.secret
                """).set("tenant", tenantId).set("now", now).set("limit", limit).set("leaseUntil", leaseUntil)
                .set("token", token)
                .list(dataSource, row -> new Claimed(row.getLong(1), token, row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getInt(6), Jdbc.instant(row, 7), row.getString(8),
                        row.getString(9)));
    }

    /**
     * Just before an attempt: counts it and moves the lease to cover it, if this claim still holds
     * the delivery. False means the lease lapsed and another dispatcher claimed it; it sends, we don't.
     */
    public boolean renew(Claimed claim, Instant now, Instant leaseUntil) {
        return claimed(claim, """
                update webhook_delivery set next_attempt_at = :leaseUntil, attempts = attempts + 1, last_attempt_at = :now
                where tenant_id = :tenant and delivery_id = :delivery and claim_token = :token and status = 'PENDING'
                """).set("leaseUntil", leaseUntil).set("now", now).update(dataSource) > 0;
    }

    /** Hands an unsent claimed delivery back (a stopping replica): due again at once, for anyone. */
    public boolean release(Claimed claim, Instant now) {
        return claimed(claim, """
                update webhook_delivery set next_attempt_at = :now, claim_token = null
                where tenant_id = :tenant and delivery_id = :delivery and claim_token = :token and status = 'PENDING'
                """).set("now", now).update(dataSource) > 0;
    }

    /** The outcomes below are written only by the holder of the claim; each answers whether it was. */
    public boolean delivered(Claimed claim, int statusCode, Instant now) {
        return claimed(claim, """
                update webhook_delivery set status = 'DELIVERED', last_status_code = :statusCode, last_error = null,
                    delivered_at = :now, claim_token = null where tenant_id = :tenant and delivery_id = :delivery and claim_token = :token
                """).set("statusCode", statusCode).set("now", now).update(dataSource) > 0;
    }

    public boolean retryAt(Claimed claim, Integer statusCode, String error, Instant next) {
        return claimed(claim, """
                update webhook_delivery set last_status_code = :statusCode, last_error = :error,
                    next_attempt_at = :next, claim_token = null
                where tenant_id = :tenant and delivery_id = :delivery and claim_token = :token
                """).set("statusCode", statusCode).set("error", error).set("next", next).update(dataSource) > 0;
    }

    public boolean failed(Claimed claim, Integer statusCode, String error) {
        return claimed(claim, """
                update webhook_delivery set status = 'FAILED', last_status_code = :statusCode, last_error = :error,
                    claim_token = null
                where tenant_id = :tenant and delivery_id = :delivery and claim_token = :token
                """).set("statusCode", statusCode).set("error", error).update(dataSource) > 0;
    }

    /** A 410 Gone: the subscription stops, and its pending deliveries fail. */
    public void disable(String tenantId, String subscriptionId, String reason) {
        new NamedSql("""
                update webhook_subscription set enabled = false, disabled_reason = :reason
                where tenant_id = :tenant and subscription_id = :subscription
                """).set("reason", reason).set("tenant", tenantId).set("subscription", subscriptionId)
                .update(dataSource);
        new NamedSql("""
                update webhook_delivery set status = 'FAILED', last_error = 'subscription disabled: ' || :reason
                where tenant_id = :tenant and subscription_id = :subscription and status = 'PENDING'
                """).set("reason", reason).set("tenant", tenantId).set("subscription", subscriptionId)
                .update(dataSource);
    }

    /** The delivery log of a subscription, newest first. */
    List<Row> deliveries(String tenantId, String subscriptionId, Long before, int limit) {
        return new NamedSql("""
                select delivery_id, message_id, event_type, status, attempts, created_at, last_attempt_at,
                       next_attempt_at, last_status_code, last_error, delivered_at, payload
                from webhook_delivery
                where tenant_id = :tenant and subscription_id = :subscription and delivery_id < :before
                order by delivery_id desc limit :limit
                """).set("tenant", tenantId).set("subscription", subscriptionId)
                .set("before", before == null ? Long.MAX_VALUE : before).set("limit", limit)
                .list(dataSource, row -> {
                    int code = row.getInt(9);
                    Integer statusCode = row.wasNull() ? null : code;
                    String status = row.getString(4);
                    return new Row(row.getLong(1), row.getString(2), row.getString(3), status, row.getInt(5),
                            Jdbc.instant(row, 6), Jdbc.instant(row, 7),
                            "PENDING".equals(status) ? Jdbc.instant(row, 8) : null, statusCode, row.getString(10),
                            Jdbc.instant(row, 11), row.getString(12));
                });
    }

    /**
     * A statement on the delivery this claim holds (its tenant, id and token bound by name): the
     * tenant routes it to one shard on Citus, where the key is (tenant_id, delivery_id).
     */
    private static NamedSql claimed(Claimed claim, String sql) {
        return new NamedSql(sql).set("tenant", claim.tenantId()).set("delivery", claim.deliveryId())
                .set("token", claim.claimToken());
    }
}
