package io.pipelinehealth.common;

import java.util.Optional;

/**
 * The tenant of the API key that authenticated the current request, if any. Authentication lives
 * above this package ({@code identity} implements it), so the tenant resolver only asks.
 */
public interface KeyTenant {

    Optional<String> tenantOfKey();
}
