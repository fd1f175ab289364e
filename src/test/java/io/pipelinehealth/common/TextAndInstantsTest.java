package io.pipelinehealth.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.pipeline.DayTimeDuration;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The pure rules behind strict input: strings, instants and durations, case by case. */
class TextAndInstantsTest {

    @Test
    void textRefusesNulAndLoneSurrogatesButKeepsPairs() {
        assertTrue(Text.problem("a\u0000b").contains("NUL"));
        assertTrue(Text.problem("s\uD800x").contains("U+D800"));
        assertTrue(Text.problem("x\uDC00").contains("U+DC00"));
        assertTrue(Text.problem("end\uD83D").contains("surrogate"));
        assertNull(Text.problem("emoji \uD83D\uDE00 ok"));
        assertNull(Text.problem(null));
    }

    @Test
    void lengthCountsCodePoints() {
        String emoji = "\uD83D\uDE00";
        assertNull(Text.problem(emoji.repeat(3), 3));
        assertTrue(Text.problem(emoji.repeat(4), 3).contains("at most 3"));
        assertNull(Text.problem("x".repeat(Text.MAX_LENGTH)));
        assertTrue(Text.problem("x".repeat(Text.MAX_LENGTH + 1)) != null);
    }

    @Test
    void decimalCellsAreNumbersOrNamedProblems() {
        List<String> problems = new ArrayList<>();
        assertEquals(new BigDecimal("1200.50"), Text.decimal("1200.50", problems::add));
        assertNull(Text.decimal(null, problems::add));
        assertTrue(problems.isEmpty());
        assertNull(Text.decimal("12k", problems::add));
        assertEquals(List.of("'12k' is not a number"), problems);
    }

    @Test
    void quotesAreShortAndWritable() {
        String quoted = Text.quote("y".repeat(10_000));
        assertEquals(Text.MAX_QUOTE + 3, quoted.length());
        assertTrue(quoted.endsWith("…'"));
        assertEquals("'s\uFFFDx'", Text.quote("s\uD800x"));
        assertEquals("'\uD83D\uDE00'", Text.quote("\uD83D\uDE00"));
    }

    @ParameterizedTest
    @CsvSource({
        "2028-02-29T00:00:00Z, 2028-02-29T00:00:00Z",
        "1900-01-01T00:00:00Z, 1900-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z, 9999-12-31T23:59:59Z",
        "2026-01-01t10:00:00.1234567+02:00, 2026-01-01T08:00:00.123456Z"})
    void instantsInRangeAreRead(String text, String expected) {
        assertEquals(Instant.parse(expected), Instants.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-02-30T00:00:00Z", "2027-02-29T00:00:00Z", "2026-04-31T00:00:00Z",
        "2026-01-01T24:00:00Z", "+999999999-12-31T23:59:59Z", "1899-12-31T23:59:59Z",
        "9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01"})
    void instantsOutsideTheRulesAreRefused(String text) {
        assertThrows(Instants.InvalidInstant.class, () -> Instants.parse(text));
    }

    @Test
    void durationsAreBoundedToTenYears() {
        assertEquals(3650L * 86_400, DayTimeDuration.parseSeconds("P3650D"));
        assertEquals(3650L * 86_400, DayTimeDuration.parseSeconds("PT87600H"));
        for (String text : new String[] {"P3650DT1S", "P106751991167300D", "PT99999999999999999999H",
            "P" + "9".repeat(100) + "D", "P0D", "P1M"}) {
            assertThrows(IllegalArgumentException.class, () -> DayTimeDuration.parseSeconds(text), text);
        }
    }
}
