package io.pipelinehealth.ui;

import io.pipelinehealth.identity.KeyMaterial;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The sign-in form's CSRF token, before any session exists (a double-submit cookie): the form page
 * sets the HttpOnly cookie {@value #COOKIE} to 256 random bits and puts a hash of them in the form.
 * Another site can make a browser post the form, but it can neither read the cookie nor so know the
 * token, so it cannot sign the visitor in with a key of its own choosing (login CSRF). No server
 * secret is needed: the cookie is the secret, as the session cookie is for the pages' forms.
 */
final class SignInToken {

    static final String COOKIE = "ph_login";
    /** How long a sign-in form stays usable. */
    static final long MAX_AGE_SECONDS = 3600;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SignInToken() {
    }

    /** A fresh cookie value. */
    static String nonce() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The form's token for this cookie value. */
    static String token(String nonce) {
        return KeyMaterial.hash("login-csrf:" + nonce);
    }

    /** Whether the posted token belongs to the posted cookie; false when either is missing. */
    static boolean matches(String nonce, String token) {
        if (nonce == null || nonce.length() != 43 || token == null) {
            return false;
        }
        return MessageDigest.isEqual(token(nonce).getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }
}
