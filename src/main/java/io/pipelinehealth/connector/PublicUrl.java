package io.pipelinehealth.connector;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The address a CRM calls, which HubSpot signs and the connector shows as its {@code inboundUrl}.
 * {@code pipeline-health.connectors.public-base-url} (such as {@code https://ph.example.com}) wins
 * when set: the setting for a service behind a proxy. Without it, {@code X-Forwarded-Proto} and
 * {@code X-Forwarded-Host} (their first values) when present, else the request's own scheme and
 * {@code Host}. Trusting the forwarded headers gives an attacker nothing: they only choose which
 * URI the HMAC is checked over, and a valid HMAC still needs the connector's secret.
 */
@ApplicationScoped
public class PublicUrl {

    private final Optional<String> configured;

    PublicUrl(@ConfigProperty(name = "pipeline-health.connectors.public-base-url") Optional<String> configured) {
        this.configured = configured.map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s);
    }

    /** Scheme, host and port, without a trailing slash. */
    String base(HttpServerRequest request) {
        if (configured.isPresent()) {
            return configured.get();
        }
        String proto = first(request.getHeader("X-Forwarded-Proto"));
        String host = first(request.getHeader("X-Forwarded-Host"));
        String scheme = proto != null ? proto : request.scheme();
        String authority = host != null ? host : request.getHeader("Host");
        if (authority == null) {
            authority = request.authority() == null ? "localhost" : request.authority().toString();
        }
        return scheme + "://" + authority;
    }

    /** The full URI of this request as the CRM called it: base, path and query, as sent. */
    String requestUri(HttpServerRequest request) {
        return base(request) + request.uri();
    }

    private static String first(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        int comma = header.indexOf(',');
        return (comma < 0 ? header : header.substring(0, comma)).strip();
    }
}
