package io.pipelinehealth.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * Who owns an opportunity at an instant, for the rep checks of {@link RepAccess}. The visit package
 * answers it from the stored positions; identity, below it, only asks.
 */
public interface OpportunityOwners {

    /** Empty when the opportunity is unknown in the tenant, or had no event yet at {@code at}. */
    Optional<String> ownerAt(String tenantId, String opportunityId, Instant at);
}
