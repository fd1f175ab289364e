package io.pipelinehealth.identity;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Optional;

/** The key of the current request; empty outside a request or for an anonymous one. */
@ApplicationScoped
public class CurrentKey {

    private final Instance<SecurityIdentity> identity;

    CurrentKey(Instance<SecurityIdentity> identity) {
        this.identity = identity;
    }

    public Optional<ApiKey> get() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        SecurityIdentity current = identity.get();
        return current.isAnonymous() ? Optional.empty() : Optional.ofNullable(current.getAttribute(ApiKey.ATTRIBUTE));
    }

    /** The current key, for code that only runs behind {@code @RolesAllowed}. */
    public ApiKey require() {
        return get().orElseThrow(() -> new IllegalStateException("no authenticated key in this request"));
    }

    /** The rep's owner id when the current key is a rep key (and nothing wider), else empty. */
    public Optional<String> repOwner() {
        return get().filter(RepScope::limited).map(ApiKey::ownerId);
    }
}
