package io.pipelinehealth.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;

/**
 * The target rule of webhooks, checked at registration and again before every attempt (a name can
 * be re-pointed at an internal address after registration). A URL must be https (http only with
 * allow-http), and every address its host resolves to must be public (unless
 * allow-private-targets): the HTTP client may connect to any of them.
 * <p>
 * The JDK HTTP client resolves the host again when it connects. That lookup is answered from the
 * JVM's address cache filled by the check just before (networkaddress.cache.ttl, 30 s by default),
 * so both see the same addresses; the residual window is an entry expiring between the two
 * lookups (docs/threat-model.md).
 */
@ApplicationScoped
public class WebhookTargets {

    @Inject WebhookConfig config;

    /** Why this absolute URL may not be a target, or empty; a host that does not resolve is not refused. */
    public Optional<String> refusalAtRegistration(URI url) {
        try {
            return refusal(url);
        } catch (UnknownHostException e) {
            return Optional.empty(); // may resolve later; every attempt checks again
        }
    }

    /** Why no request may be sent to this URL now; a host that does not resolve is an error too. */
    public Optional<String> refusalAtDelivery(URI url) {
        try {
            return refusal(url).map(reason -> "target refused, no request sent: " + reason);
        } catch (UnknownHostException e) {
            return Optional.of("could not deliver: host " + url.getHost() + " does not resolve");
        }
    }

    private Optional<String> refusal(URI url) throws UnknownHostException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && config.allowHttp())) {
            return Optional.of(config.allowHttp() ? "must be an http or https URL" : "must be an https URL");
        }
        if (config.allowPrivateTargets()) {
            return Optional.empty();
        }
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean literal = host.contains(":") || host.matches("[0-9.]+");
        for (InetAddress address : InetAddress.getAllByName(host)) {
            Optional<String> refused = TargetAddress.refusal(address);
            if (refused.isPresent()) {
                return Optional.of(literal ? host + " is a " + refused.get()
                        : host + " resolves to " + address.getHostAddress() + ", a " + refused.get());
            }
        }
        return Optional.empty();
    }
}
