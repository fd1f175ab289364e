package io.pipelinehealth.ui;

import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.identity.ApiKey;
import io.pipelinehealth.identity.KeyMaterial;
import io.pipelinehealth.identity.KeyVerifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;

/**
 * Sign-in sessions of the pages. The cookie value is {@code <tenant>~<random id>}: the tenant is not
 * secret and only says under which tenant's row-level security the session is looked up (a forged
 * tenant finds nothing); the id is 256 random bits, stored only as its SHA-256. The CSRF token of a
 * session's forms is derived from the id, so a page that cannot read the HttpOnly cookie cannot
 * know it, and nothing more has to be stored.
 */
@ApplicationScoped
public class UiSessions {

    public static final String COOKIE = "ph_session";
    private static final char SEPARATOR = '~';
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject SessionStore store;
    @Inject KeyVerifier keys;
    @Inject UiConfig config;
    @Inject Clock clock;

    /** The key behind a presented key text, if it is usable; the same check as a Bearer key's. */
    Optional<ApiKey> verify(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        return keys.load(presented.strip());
    }

    /** Starts a session of the key and answers the cookie value. */
    String start(ApiKey key) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = now();
        TenantContext.run(key.tenantId(), () -> {
            store.deleteEnded(key.tenantId(), now, config.session());
            store.insert(key.tenantId(), KeyMaterial.hash(id), key.id(), now);
        });
        return key.tenantId() + SEPARATOR + id;
    }

    /** The viewer of a live session, or empty for a missing, malformed, ended or forged cookie. */
    Optional<Viewer> find(String cookie) {
        Parsed parsed = parse(cookie);
        if (parsed == null) {
            return Optional.empty();
        }
        return TenantContext.call(parsed.tenant(),
                () -> store.find(parsed.tenant(), KeyMaterial.hash(parsed.id()), now(), config.session()))
                .map(key -> new Viewer(key, csrf(cookie)));
    }

    void end(String cookie) {
        Parsed parsed = parse(cookie);
        if (parsed != null) {
            TenantContext.run(parsed.tenant(), () -> store.delete(parsed.tenant(), KeyMaterial.hash(parsed.id())));
        }
    }

    /** The session's CSRF token: a hash of the cookie, which pages can put in forms but nobody else can know. */
    static String csrf(String cookie) {
        return KeyMaterial.hash("csrf:" + cookie);
    }

    /** Seconds a cookie may live in the browser: the absolute lifetime (the server enforces both limits). */
    long maxAgeSeconds() {
        return config.session().absolute().toSeconds();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private record Parsed(String tenant, String id) {
    }

    private static Parsed parse(String cookie) {
        if (cookie == null || cookie.length() > 200) {
            return null;
        }
        int at = cookie.lastIndexOf(SEPARATOR);
        if (at < 1 || cookie.length() - at - 1 != 43) {
            return null;
        }
        return new Parsed(cookie.substring(0, at), cookie.substring(at + 1));
    }
}
