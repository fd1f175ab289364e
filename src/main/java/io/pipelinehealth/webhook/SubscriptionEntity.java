package io.pipelinehealth.webhook;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
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
@IdClass(SubscriptionEntity.Key.class)
public class SubscriptionEntity extends PanacheEntityBase {

    /** The primary key: a subscription id is unique within its tenant. */
    public record Key(String tenantId, String id) implements Serializable {
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "subscription_id")
    public String id;

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
