package io.pipelinehealth.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HubSpot's request signature v3: {@code X-HubSpot-Signature-v3} is the base64 HMAC-SHA256, keyed
 * with the app's client secret, of method + full request URI + body + {@code X-HubSpot-Request-Timestamp}
 * (epoch milliseconds). A timestamp more than {@link #MAX_AGE} old is refused, so a captured request
 * cannot be replayed later.
 */
final class HubSpotSignature {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private HubSpotSignature() {
    }

    /** What is wrong with the request's signature, or null when it is valid at {@code now}. */
    static String problem(byte[] secret, String method, String uri, byte[] body, String timestamp, String signature,
            Instant now) {
        if (signature == null || timestamp == null) {
            return "X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp are required";
        }
        long millis;
        try {
            millis = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "X-HubSpot-Request-Timestamp must be epoch milliseconds";
        }
        Instant sent = Instant.ofEpochMilli(millis);
        if (sent.isBefore(now.minus(MAX_AGE)) || sent.isAfter(now.plus(MAX_AGE))) {
            return "X-HubSpot-Request-Timestamp is more than 5 minutes away from the server clock";
        }
        byte[] expected = sign(secret, method, uri, body, timestamp.strip());
        byte[] given;
        try {
            given = Base64.getDecoder().decode(signature.strip());
        } catch (IllegalArgumentException e) {
            return "X-HubSpot-Signature-v3 is not base64";
        }
        return MessageDigest.isEqual(expected, given) ? null
                : "X-HubSpot-Signature-v3 does not match this request signed with the connector's client secret";
    }

    static byte[] sign(byte[] secret, String method, String uri, byte[] body, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((method + uri).getBytes(StandardCharsets.UTF_8));
            mac.update(body);
            return mac.doFinal(timestamp.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
