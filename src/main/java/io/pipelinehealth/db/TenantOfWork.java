package io.pipelinehealth.db;

/**
 * The tenant whose rows the current unit of work may see: what {@link TenantSession} sets on every
 * connection it hands out. The tenant comes from above this package (an explicit context, or the
 * request's key); {@code common.TenantResolver} implements it, so db imports nothing of ours.
 */
public interface TenantOfWork {

    /** The tenant id, or the empty string for none, which matches no row. */
    String tenant();
}
