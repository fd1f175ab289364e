package io.pipelinehealth.identity;

import io.pipelinehealth.db.DatabaseUnavailable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.Set;

/** A key's identity: its name as principal, its roles, and the key itself as an attribute. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    @Inject KeyVerifier verifier;

    @Override
    public Class<ApiKeyRequest> getRequestType() {
        return ApiKeyRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
        Optional<ApiKey> cached = verifier.cached(request.key());
        if (cached != null) {
            return Uni.createFrom().item(() -> identity(cached));
        }
        return context.runBlocking(() -> identity(load(request.key())));
    }

    /**
     * A key that cannot be looked up because the database is out fails authentication with that
     * cause, which the problem mappers answer 503 (not 401: the key may be valid); as a plain
     * failure the HTTP layer would log it as an error at every request.
     */
    private Optional<ApiKey> load(String key) {
        try {
            return verifier.load(key);
        } catch (RuntimeException e) {
            if (DatabaseUnavailable.causedBy(e)) {
                throw new AuthenticationFailedException("the database is unavailable", e);
            }
            throw e;
        }
    }

    private static SecurityIdentity identity(Optional<ApiKey> verified) {
        ApiKey key = verified.orElseThrow(() -> new AuthenticationFailedException("unknown, revoked or expired key"));
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(key.name()))
                .addRoles(Set.copyOf(key.roles()))
                .addAttribute(ApiKey.ATTRIBUTE, key)
                .build();
    }
}
