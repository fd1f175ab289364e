package io.pipelinehealth.identity;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Reads {@code Authorization: Bearer <key>}. No header means anonymous (then a secured endpoint
 * answers 401); a header that is not a bearer key fails authentication, except on a connector's
 * inbound path, where a CRM authenticates its own way (Pipedrive's HTTP basic): there only a
 * bearer key is read, anything else is left to the connector (connector.InboundResource).
 */
@ApplicationScoped
public class ApiKeyMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "Bearer ";
    /** Inbound CRM requests (connector.InboundResource); the only /api/v1 path open without a key. */
    public static final String INBOUND_PREFIX = "/api/v1/inbound/";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        boolean bearer = header.regionMatches(true, 0, BEARER, 0, BEARER.length()) && header.length() > BEARER.length();
        if (!bearer && context.request().path().startsWith(INBOUND_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        if (!bearer) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not a bearer key"));
        }
        String key = header.substring(BEARER.length()).strip();
        // The verified key is also kept on the request, where CurrentKey reads it without asking the
        // security layer: asking it from code that runs during authentication (the key lookup's
        // own database connection takes its tenant from CurrentKey) would wait on itself.
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new ApiKeyRequest(key),
                context)).invoke(identity -> {
                    if (identity != null && identity.getAttribute(ApiKey.ATTRIBUTE) != null) {
                        context.put(ApiKey.ATTRIBUTE, identity.getAttribute(ApiKey.ATTRIBUTE));
                    }
                });
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(ApiKeyRequest.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.AUTHORIZATION, "bearer"));
    }
}
