package io.pipelinehealth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageCursorTest {

    @Test
    void encodedCursorDecodesToTheSameValues() {
        List<String> values = List.of("2026-06-01T12:34:56.123456Z", "a|b", "", "é\uD83D\uDE00");
        String encoded = PageCursor.encode(values);
        assertEquals(values, PageCursor.decode(encoded));
        assertEquals(-1, encoded.indexOf('='), "no padding");
        assertEquals(-1, encoded.indexOf('+'), "url-safe alphabet");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "bm90IGpzb24", "W10", "W251bGxd", "eyJhIjoxfQ"})
    void anythingElseIsAnInvalidCursor(String bad) {
        ApiException e = assertThrows(ApiException.class, () -> PageCursor.decode(bad));
        assertEquals(400, e.status());
        assertEquals("invalid-cursor", e.type());
    }
}
