package io.pipelinehealth.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The scheme rule and the two settings, without a running service. */
class WebhookTargetsTest {

    private static WebhookTargets targets(boolean allowHttp, boolean allowPrivate) {
        WebhookTargets targets = new WebhookTargets();
        targets.config = new WebhookConfig() {
            public String dispatchInterval() {
                return "off";
            }

            public int batchSize() {
                return 50;
            }

            public Duration timeout() {
                return Duration.ofSeconds(1);
            }

            public boolean allowHttp() {
                return allowHttp;
            }

            public boolean allowPrivateTargets() {
                return allowPrivate;
            }

            public Retry retry() {
                return null;
            }
        };
        return targets;
    }

    @Test
    void httpsOnlyUnlessHttpIsAllowed() {
        URI http = URI.create("http://93.184.216.34/hook");
        assertEquals(Optional.of("must be an https URL"), targets(false, false).refusalAtRegistration(http));
        assertEquals(Optional.empty(), targets(true, false).refusalAtRegistration(http));
        assertEquals(Optional.empty(), targets(false, false).refusalAtRegistration(URI.create("https://93.184.216.34/")));
        assertEquals(Optional.of("target refused, no request sent: must be an https URL"),
                targets(false, true).refusalAtDelivery(URI.create("http://127.0.0.1/")));
    }

    @Test
    void privateTargetsOnlyWhenAllowed() {
        URI metadata = URI.create("https://169.254.169.254/latest/meta-data/");
        assertEquals(Optional.of("169.254.169.254 is a link-local address (cloud metadata included)"),
                targets(false, false).refusalAtRegistration(metadata));
        assertEquals(Optional.empty(), targets(false, true).refusalAtRegistration(metadata));
        assertEquals(Optional.of("::1 is a loopback address"),
                targets(false, false).refusalAtRegistration(URI.create("https://[::1]:8443/")));
        assertEquals(Optional.of("localhost resolves to 127.0.0.1, a loopback address"),
                targets(false, false).refusalAtRegistration(URI.create("https://localhost/")));
    }

    @Test
    void aNameThatDoesNotResolveIsAcceptedAtRegistrationAndAnErrorAtDelivery() {
        URI unknown = URI.create("https://no-such-host.invalid/hook");
        assertEquals(Optional.empty(), targets(false, false).refusalAtRegistration(unknown));
        assertEquals(Optional.of("could not deliver: host no-such-host.invalid does not resolve"),
                targets(false, false).refusalAtDelivery(unknown));
    }
}
