package io.pipelinehealth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    private static final byte[] KEY = "k".repeat(32).getBytes(StandardCharsets.UTF_8);
    private static final String BINDING = "default\n[\"/api/v1/opportunities\",{\"pipelineId\":[\"p1\"]}]";

    @Test
    void encodedCursorDecodesToTheSameValues() {
        List<String> values = List.of("2026-06-01T12:34:56.123456Z", "a|b", "", "é\uD83D\uDE00");
        String encoded = PageCursor.encode(KEY, BINDING, values);
        assertEquals(values, PageCursor.decode(KEY, BINDING, encoded));
        assertEquals(-1, encoded.indexOf('='), "no padding");
        assertEquals(-1, encoded.indexOf('+'), "url-safe alphabet");
    }

    @Test
    void otherFiltersOtherTenantOrOtherKeyDoNotVerify() {
        String encoded = PageCursor.encode(KEY, BINDING, List.of("2026-06-01T00:00:00Z", "o1"));
        assertInvalid(() -> PageCursor.decode(KEY, BINDING.replace("p1", "p2"), encoded));
        assertInvalid(() -> PageCursor.decode(KEY, BINDING.replace("default", "acme"), encoded));
        assertInvalid(() -> PageCursor.decode("x".repeat(32).getBytes(StandardCharsets.UTF_8), BINDING, encoded));
    }

    @Test
    void changedValuesDoNotVerify() {
        String encoded = PageCursor.encode(KEY, BINDING, List.of("2026-06-01T00:00:00Z", "o1"));
        String signature = encoded.substring(encoded.indexOf('.'));
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("[\"+999999999-12-31T23:59:59Z\",\"o1\"]".getBytes(StandardCharsets.UTF_8));
        assertInvalid(() -> PageCursor.decode(KEY, BINDING, forged + signature));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "bm90IGpzb24", "W10", "W251bGxd", "eyJhIjoxfQ", "W10.", "W10.!!", "."})
    void anythingElseIsAnInvalidCursor(String bad) {
        assertInvalid(() -> PageCursor.decode(KEY, BINDING, bad));
    }

    private static void assertInvalid(org.junit.jupiter.api.function.Executable decode) {
        ApiException e = assertThrows(ApiException.class, decode);
        assertEquals(400, e.status());
        assertEquals("invalid-cursor", e.type());
    }
}
