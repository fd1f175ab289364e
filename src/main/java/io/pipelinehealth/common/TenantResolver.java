package io.pipelinehealth.common;

import io.pipelinehealth.identity.ApiKey;
import io.pipelinehealth.identity.CurrentKey;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant of the current unit of work: an explicit {@link TenantContext} first (background work
 * that goes tenant by tenant), else the authenticated key's, never the URL's or the body's. Every
 * store, and the row-level security setting of every connection, takes its tenant from here.
 * Outside both it is {@link #DEFAULT_TENANT}.
 */
@ApplicationScoped
public class TenantResolver {

    public static final String DEFAULT_TENANT = "default";

    private final CurrentKey key;

    TenantResolver(CurrentKey key) {
        this.key = key;
    }

    public String currentTenant() {
        return TenantContext.current().or(() -> key.get().map(ApiKey::tenantId)).orElse(DEFAULT_TENANT);
    }
}
