package io.pipelinehealth.webhook;

import io.pipelinehealth.db.TenantScopedEntity;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A webhook subscription row (V3), mapped for Hibernate ORM with Panache: the CRUD of the
 * subscriptions API, under the same row-level security as every query of the pool. The outbox
 * (deliveries, claims, a 410's disabling) stays set-based SQL in {@link WebhookStore}.
 */
@Entity
@Table(name = "webhook_subscription")
@AttributeOverride(name = "id", column = @Column(name = "subscription_id"))
public class SubscriptionEntity extends TenantScopedEntity {

    @Column(name = "url", nullable = false)
    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "events", nullable = false)
    public List<String> events;

    @Column(name = "secret", nullable = false)
    public String secret;

    @Column(name = "enabled", nullable = false)
    public boolean enabled = true;

    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The API's view: the secret is shown only when the subscription is created. */
    Subscription view() {
        return new Subscription(id, url, List.copyOf(events), enabled, disabledReason, createdAt, null);
    }
}
