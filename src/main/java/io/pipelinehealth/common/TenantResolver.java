package io.pipelinehealth.common;

import io.pipelinehealth.identity.ApiKey;
import io.pipelinehealth.identity.CurrentKey;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant of the current unit of work: an explicit {@link TenantContext} first (background work
 * that goes tenant by tenant), else the authenticated key's, never the URL's or the body's. Every
 * store, and the row-level security setting of every connection, takes its tenant from here.
 * Outside both it is {@link #NO_TENANT}, which no row carries: code that forgets to set its
 * tenant fails closed (reads see nothing, writes are refused by row-level security) instead of
 * quietly working in some tenant.
 */
@ApplicationScoped
public class TenantResolver {

    /** The tenant of work without a key or an explicit context: matches no row. */
    public static final String NO_TENANT = "";

    private final CurrentKey key;

    TenantResolver(CurrentKey key) {
        this.key = key;
    }

    public String currentTenant() {
        return TenantContext.current().or(() -> key.get().map(ApiKey::tenantId)).orElse(NO_TENANT);
    }
}
