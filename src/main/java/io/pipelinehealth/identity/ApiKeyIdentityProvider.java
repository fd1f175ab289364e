package io.pipelinehealth.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/** A key's identity: its name as principal, its roles, and the key itself as an attribute. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyRequest> {

    private final KeyVerifier verifier;

    ApiKeyIdentityProvider(KeyVerifier verifier) {
        this.verifier = verifier;
    }

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
        return context.runBlocking(() -> identity(verifier.load(request.key())));
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
