package io.pipelinehealth.identity;

/** The body of POST /api/v1/tenants. */
public record TenantRequest(String id, String name) {
}
