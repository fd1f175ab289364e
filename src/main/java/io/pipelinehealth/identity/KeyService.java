package io.pipelinehealth.identity;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Creates, lists and revokes the keys of the current tenant. */
@ApplicationScoped
public class KeyService {

    @Inject KeyStore store;
    @Inject KeyVerifier verifier;
    @Inject AuditLog audit;
    @Inject TenantResolver tenants;
    @Inject CurrentKey currentKey;
    @Inject Clock clock;
    @Inject Cursors cursors;

    @Transactional
    public NewKey create(KeyRequest request) {
        Instant now = clock.instant();
        boolean operator = currentKey.require().roles().contains(Roles.OPERATOR);
        KeyCommand command = KeyCommand.parse(request, now, operator);
        NewKey key = insert(tenants.currentTenant(), command, now);
        audit.record("key.create", key.id());
        return key;
    }

    /** Before a new tenant's rows: see {@link KeyStore#lockBeforeNewTenant}. */
    void lockBeforeNewTenant(String tenantId) {
        store.lockBeforeNewTenant(tenantId);
    }

    /** Inserts a new key in a tenant; for callers that own the transaction and the audit entry. */
    NewKey insert(String tenantId, KeyCommand command, Instant now) {
        String secret = KeyMaterial.newKey();
        ApiKey key = new ApiKey(tenantId, KeyMaterial.newId(), command.name(), command.roles(), command.ownerId(),
                KeyMaterial.visiblePrefix(secret), now, command.expiresAt(), null, null);
        store.insert(key, KeyMaterial.hash(secret));
        return NewKey.of(key, secret);
    }

    public Page<KeyView> list(PageRequest request) {
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        String after = paging.after() == null ? null : paging.after().string(0);
        List<ApiKey> rows = store.page(tenants.currentTenant(), after, limit + 1);
        return paging.page(rows.stream().map(KeyView::of).toList(), key -> List.of(key.id()));
    }

    /**
     * Revokes at once on this replica: the cached copy is dropped after the commit, so no request
     * can cache the key again from the old row. Other replicas drop theirs within the cache TTL.
     */
    public void revoke(String keyId) {
        String tenant = tenants.currentTenant();
        QuarkusTransaction.requiringNew().run(() -> {
            if (!store.revoke(tenant, keyId, clock.instant())) {
                throw ApiException.notFound("key", keyId);
            }
            audit.record("key.revoke", keyId);
        });
        verifier.evict(tenant, keyId);
    }
}
