package io.pipelinehealth.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.db.TenantScopedEntity;
import io.pipelinehealth.identity.AuditLog;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Subscriptions and their delivery logs. */
@ApplicationScoped
public class WebhookService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final TypeReference<Map<String, Object>> PAYLOAD = new TypeReference<>() {
    };

    @Inject TenantResolver tenants;
    @Inject WebhookStore store;
    @Inject WebhookTargets targets;
    @Inject ObjectMapper json;
    @Inject Clock clock;
    @Inject Cursors cursors;
    @Inject AuditLog audit;

    /** Creates a subscription with a fresh secret, shown only in this answer. */
    @Transactional
    public Subscription subscribe(SubscriptionRequest request) {
        List<FieldError> errors = new ArrayList<>();
        String url = request == null ? null : request.url();
        if (!httpUrl(url)) {
            errors.add(FieldError.of("url", "must be an absolute http or https URL"));
        } else {
            targets.refusalAtRegistration(URI.create(url)).ifPresent(reason -> errors.add(FieldError.of("url", reason)));
        }
        List<String> events = request == null || request.events() == null ? List.of() : request.events();
        if (events.isEmpty()) {
            errors.add(FieldError.of("events", "name at least one of " + WebhookEvents.ALL));
        }
        for (int i = 0; i < events.size(); i++) {
            // List.of(...).contains(null) throws, and [null] is a client's mistake, not ours
            if (events.get(i) == null || !WebhookEvents.ALL.contains(events.get(i))) {
                errors.add(FieldError.of("events[" + i + "]", "must be one of " + WebhookEvents.ALL));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-subscription", "Invalid subscription",
                    errors.size() + " problem(s) in the subscription", errors);
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        Subscription subscription = new Subscription("wh_" + UUID.randomUUID().toString().replace("-", ""), url,
                List.copyOf(new LinkedHashSet<>(events)), true, null, clock.instant().truncatedTo(ChronoUnit.MICROS),
                "whsec_" + Base64.getEncoder().encodeToString(key));
        SubscriptionEntity row = new SubscriptionEntity();
        row.tenantId = tenants.currentTenant();
        row.id = subscription.id();
        row.url = subscription.url();
        row.events = subscription.events();
        row.secret = subscription.secret();
        row.createdAt = subscription.createdAt();
        row.persist();
        audit.record("webhook.create", subscription.id());
        return subscription;
    }

    @Transactional
    public Subscription get(String id) {
        TenantScopedEntity.Key key = new TenantScopedEntity.Key(tenants.currentTenant(), id);
        return SubscriptionEntity.<SubscriptionEntity>findByIdOptional(key).map(SubscriptionEntity::view)
                .orElseThrow(() -> ApiException.notFound("webhook", id));
    }

    @Transactional
    public Page<Subscription> list(PageRequest request) {
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        String after = paging.after() == null ? null : paging.after().string(0);
        List<Subscription> rows = SubscriptionEntity.<SubscriptionEntity>find(
                "tenantId = :tenant and id > :after order by id",
                Parameters.with("tenant", tenants.currentTenant()).and("after", after == null ? "" : after))
                .range(0, limit).list().stream().map(SubscriptionEntity::view).toList();
        return paging.page(rows, s -> List.of(s.id()));
    }

    @Transactional
    public void delete(String id) {
        if (SubscriptionEntity.delete("tenantId = ?1 and id = ?2", tenants.currentTenant(), id) == 0) {
            throw ApiException.notFound("webhook", id);
        }
        audit.record("webhook.delete", id);
    }

    public Page<Delivery> deliveries(String id, PageRequest request) {
        get(id);
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        Long before = paging.after() == null ? null : paging.after().number(0);
        List<WebhookStore.Row> rows = store.deliveries(tenants.currentTenant(), id, before, limit + 1);
        return paging.page(rows.stream().map(this::delivery).toList(), d -> List.of(d.deliveryId()));
    }

    private Delivery delivery(WebhookStore.Row r) {
        try {
            return new Delivery(r.deliveryId(), r.messageId(), r.eventType(), r.status(), r.attempts(), r.createdAt(),
                    r.lastAttemptAt(), r.nextAttemptAt(), r.lastStatusCode(), r.lastError(), r.deliveredAt(),
                    json.readValue(r.payload(), PAYLOAD));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean httpUrl(String url) {
        if (url == null || url.length() > 2048) {
            return false;
        }
        try {
            URI uri = new URI(url);
            return uri.isAbsolute() && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null;
        } catch (Exception e) {
            return false;
        }
    }
}
