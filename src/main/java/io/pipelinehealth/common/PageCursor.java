package io.pipelinehealth.common;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;

/**
 * Opaque cursors of paginated lists: a few strings (such as the pinned {@code asOf} and the sort
 * keys of the last item returned) as base64url of a JSON array. Clients never look inside.
 */
public final class PageCursor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private PageCursor() {
    }

    public static String encode(String... values) {
        return encode(List.of(values));
    }

    public static String encode(List<String> values) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(values));
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode cursor", e);
        }
    }

    /** The values of a cursor from a request; anything this service did not issue is a 400. */
    public static List<String> decode(String cursor) {
        try {
            List<String> values = JSON.readValue(Base64.getUrlDecoder().decode(cursor.strip()), STRINGS);
            if (values == null || values.isEmpty() || values.contains(null)) {
                throw new IllegalArgumentException("empty cursor");
            }
            return List.copyOf(values);
        } catch (Exception e) {
            throw invalid();
        }
    }

    public static ApiException invalid() {
        return ApiException.badRequest("invalid-cursor", "Invalid cursor",
                "The cursor is not one this list issued; pass the nextCursor of the previous page unchanged.");
    }
}
