package io.pipelinehealth.identity;

import io.pipelinehealth.common.KeyTenant;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * The key of the current request; empty outside a request, for an anonymous one, and while the
 * key is still being verified. It is read from the request, where {@link ApiKeyMechanism} puts it,
 * never from the security layer, which would start (and wait for) authentication.
 */
@ApplicationScoped
public class CurrentKey implements KeyTenant {

    @Inject Instance<CurrentVertxRequest> request;

    public Optional<ApiKey> get() {
        if (!Arc.container().requestContext().isActive()) {
            return Optional.empty();
        }
        RoutingContext context = request.get().getCurrent();
        return context == null ? Optional.empty() : Optional.ofNullable(context.get(ApiKey.ATTRIBUTE));
    }

    @Override
    public Optional<String> tenantOfKey() {
        return get().map(ApiKey::tenantId);
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
