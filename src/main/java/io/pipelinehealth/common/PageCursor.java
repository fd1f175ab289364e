package io.pipelinehealth.common;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The format of page cursors: {@code base64url(JSON array of strings) "." base64url(HMAC-SHA256)}.
 * The MAC covers the values and the query the cursor belongs to (its binding: tenant, list and
 * filters), so a cursor that was altered, forged, or sent with other filters does not verify.
 * Clients never look inside; the values are readable but cannot be changed.
 */
public final class PageCursor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private PageCursor() {
    }

    public static String encode(byte[] key, String binding, List<String> values) {
        try {
            String payload = ENCODER.encodeToString(JSON.writeValueAsBytes(values));
            return payload + "." + ENCODER.encodeToString(mac(key, binding, payload));
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode cursor", e);
        }
    }

    /** The values of a cursor this service issued for the same binding; anything else is a 400. */
    public static List<String> decode(byte[] key, String binding, String cursor) {
        try {
            int dot = cursor.indexOf('.');
            if (dot < 0) {
                throw invalid();
            }
            String payload = cursor.substring(0, dot);
            byte[] signature = DECODER.decode(cursor.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(key, binding, payload))) {
                throw ApiException.badRequest("invalid-cursor", "Invalid cursor",
                        "The cursor was altered, or belongs to another list or other filters; pass the nextCursor of"
                                + " the previous page unchanged, with the same filters.");
            }
            List<String> values = JSON.readValue(DECODER.decode(payload), STRINGS);
            if (values == null || values.isEmpty() || values.contains(null)) {
                throw invalid();
            }
            return List.copyOf(values);
        } catch (ApiException e) {
            throw e;
        } catch (Exception e) {
            throw invalid();
        }
    }

    public static ApiException invalid() {
        return ApiException.badRequest("invalid-cursor", "Invalid cursor",
                "The cursor is not one this list issued; pass the nextCursor of the previous page unchanged.");
    }

    private static byte[] mac(byte[] key, String binding, String payload) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        mac.update(binding.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 0);
        return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
    }
}
