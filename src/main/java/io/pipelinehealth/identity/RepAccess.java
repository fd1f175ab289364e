package io.pipelinehealth.identity;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * What a rep key may see and do: its own profile, the deals its owner currently owns, and
 * TO_NURTURING hand-offs of those. Every check is a no-op for keys that are not limited to a rep.
 * Another rep's deal answers 404 like a missing one; another rep's profile and team-wide figures 403.
 */
@ApplicationScoped
public class RepAccess {

    @Inject CurrentKey key;
    @Inject OpportunityOwners owners;
    @Inject TenantResolver tenants;
    @Inject Clock clock;

    /** 404 unless the rep currently (now, whatever asOf the request asks) owns the opportunity. */
    public void checkOwns(String opportunityId) {
        Optional<String> rep = key.repOwner();
        if (rep.isEmpty()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (!rep.equals(owners.ownerAt(tenants.currentTenant(), opportunityId, now))) {
            throw ApiException.notFound("opportunity", opportunityId);
        }
    }

    /** The owner filter of a list: a rep's own id, or the requested filter for other keys. */
    public String ownerFilter(String requested) {
        return RepScope.ownerFilter(key.repOwner(), requested);
    }

    public void checkProfile(String ownerId) {
        Optional<String> rep = key.repOwner();
        if (rep.isPresent() && !rep.get().equals(ownerId)) {
            throw RepScope.forbidden("A rep key sees only its own profile, '" + rep.get() + "'.");
        }
    }

    /** A rep may only hand its own deals to nurturing. */
    public void checkHandoff(String opportunityId, String direction) {
        if (key.repOwner().isPresent() && !"TO_NURTURING".equals(direction)) {
            throw RepScope.forbidden("A rep key may only hand its own deals TO_NURTURING.");
        }
        checkOwns(opportunityId);
    }

    /** Who a hand-off names: the key's owner id, else its name; never the request body. */
    public String actor() {
        return key.require().actor();
    }
}
