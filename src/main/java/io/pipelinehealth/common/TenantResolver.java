package io.pipelinehealth.common;

import io.pipelinehealth.db.TenantOfWork;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The tenant of the current unit of work: an explicit {@link TenantContext} first (background work
 * that goes tenant by tenant), else the authenticated key's, never the URL's or the body's. Every
 * store, and the row-level security setting of every connection, takes its tenant from here.
 * Outside both it is {@link #NO_TENANT}, which no row carries: code that forgets to set its
 * tenant fails closed (reads see nothing, writes are refused by row-level security) instead of
 * quietly working in some tenant.
 */
@ApplicationScoped
public class TenantResolver implements TenantOfWork {

    /** The tenant of work without a key or an explicit context: matches no row. */
    public static final String NO_TENANT = "";

    @Inject KeyTenant key;

    public String currentTenant() {
        return TenantContext.current().or(key::tenantOfKey).orElse(NO_TENANT);
    }

    /** The row-level security setting of the connections this unit of work checks out. */
    @Override
    public String tenant() {
        return currentTenant();
    }
}
