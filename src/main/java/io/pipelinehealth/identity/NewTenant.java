package io.pipelinehealth.identity;

/** A tenant just created with its first admin key (shown once). */
public record NewTenant(Tenant tenant, NewKey key) {
}
