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
    /** The OData service (issue 22), where HTTP Basic with a key as the password is read too. */
    public static final String ODATA_PREFIX = "/odata";

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String header = context.request().getHeader("Authorization");
        if (header == null) {
            return Uni.createFrom().nullItem();
        }
        boolean bearer = header.regionMatches(true, 0, BEARER, 0, BEARER.length()) && header.length() > BEARER.length();
        if (!bearer && context.request().path().startsWith(ODATA_PREFIX)) {
            // Issue 22: BI tools offer only HTTP Basic for OData feeds: the password is the key
            String key = BasicKey.password(header);
            return key == null ? Uni.createFrom().failure(new AuthenticationFailedException("not a basic or bearer key"))
                    : verify(key, context, identityProviderManager);
        }
        if (!bearer && context.request().path().startsWith(INBOUND_PREFIX)) {
            return Uni.createFrom().nullItem();
        }
        if (!bearer) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not a bearer key"));
        }
        return verify(header.substring(BEARER.length()).strip(), context, identityProviderManager);
    }

    private static Uni<SecurityIdentity> verify(String key, RoutingContext context,
            IdentityProviderManager identityProviderManager) {
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
        if (context.request().path().startsWith(ODATA_PREFIX)) { // so Power BI and Excel ask for Basic credentials
            return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Basic realm=\"pipeline-health\""));
        }
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
