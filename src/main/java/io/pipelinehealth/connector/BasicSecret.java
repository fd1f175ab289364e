package io.pipelinehealth.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Pipedrive's HTTP basic {@code user:password}, kept as a salted PBKDF2-HMAC-SHA256 hash: the
 * service only compares it, so it never needs it in clear. Stored as
 * {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64), compared in constant time.
 */
final class BasicSecret {

    static final int ITERATIONS = 20_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private BasicSecret() {
    }

    static String hash(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder();
        return "pbkdf2-sha256$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(derive(secret, salt, ITERATIONS));
    }

    static boolean matches(String secret, String stored) {
        String[] parts = stored == null ? new String[0] : stored.split("\\$");
        if (secret == null || parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        return MessageDigest.isEqual(expected, derive(secret, b64.decode(parts[2]), Integer.parseInt(parts[1])));
    }

    private static byte[] derive(String secret, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The user:password of an {@code Authorization: Basic} header, or null when it is not one. */
    static String fromHeader(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
