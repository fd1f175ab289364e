package io.pipelinehealth.common;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The tenant of the current unit of work: an explicit {@link TenantContext} first (background work),
 * else the request's. There is one request tenant for now; per-tenant API keys will change this
 * class and nothing else, since every query takes its tenant from here.
 */
@ApplicationScoped
public class TenantResolver {

    public static final String DEFAULT_TENANT = "default";

    public String currentTenant() {
        return TenantContext.current().orElse(DEFAULT_TENANT);
    }
}
