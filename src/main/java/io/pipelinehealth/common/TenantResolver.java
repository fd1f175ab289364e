package io.pipelinehealth.common;

import io.pipelinehealth.identity.ApiKey;
import io.pipelinehealth.identity.CurrentKey;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant of the current request: the authenticated key's, never the URL's or the body's.
 * Every store takes its tenant from here. Outside a request (scheduled jobs) it is
 * {@link #DEFAULT_TENANT}; those jobs pass their tenant explicitly where they work per tenant.
 */
@ApplicationScoped
public class TenantResolver {

    public static final String DEFAULT_TENANT = "default";

    private final CurrentKey key;

    TenantResolver(CurrentKey key) {
        this.key = key;
    }

    public String currentTenant() {
        return key.get().map(ApiKey::tenantId).orElse(DEFAULT_TENANT);
    }
}
