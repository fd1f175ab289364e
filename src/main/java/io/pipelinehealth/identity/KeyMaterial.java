package io.pipelinehealth.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Making and hashing keys. A key is {@code ph_} and 256 bits from {@link SecureRandom} in
 * base64url. With that much entropy a single SHA-256 is the right hash: a slow password hash
 * (bcrypt, argon2) guards low-entropy secrets against guessing, and there is nothing to guess here;
 * a leaked table of SHA-256 values yields no usable key, and the lookup stays one indexed query.
 */
public final class KeyMaterial {

    public static final String PREFIX = "ph_";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int VISIBLE = PREFIX.length() + 6;

    private KeyMaterial() {
    }

    public static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "key_" + HexFormat.of().formatHex(bytes);
    }

    public static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The first characters, enough to tell keys apart in a list, far too few to use. */
    public static String visiblePrefix(String key) {
        return key.substring(0, Math.min(VISIBLE, key.length()));
    }
}
