package io.pipelinehealth.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import java.io.IOException;

/**
 * CSV exports and spreadsheet formula injection (OWASP "CSV Injection"): a text cell that begins
 * with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return is written with a
 * leading single quote and quoted, so a spreadsheet shows
 * {@code =HYPERLINK(...)} as text instead of running it. Numbers the service formats itself
 * (seconds, counts, amounts, rates) are written as numbers and left alone: {@code -86400} is a
 * deviation, not a formula, and cannot carry one. The rule is in docs/domain-decisions.md.
 */
public final class CsvCells {

    private CsvCells() {
    }

    /** A CSV mapper for exports: every String value goes through {@link #neutralise}. */
    public static CsvMapper mapper() {
        CsvMapper mapper = new CsvMapper();
        mapper.registerModule(new SimpleModule().addSerializer(String.class, new StdSerializer<>(String.class) {
            @Override
            public void serialize(String value, JsonGenerator generator, SerializerProvider provider)
                    throws IOException {
                if (isFormula(value)) {
                    // Raw, because the generator quotes only cells that contain a separator or quote.
                    generator.writeRawValue(neutralise(value));
                } else {
                    generator.writeString(value);
                }
            }
        }));
        // Instants as RFC 3339 text, as in the JSON answers.
        mapper.registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }

    /** A cell a spreadsheet would read as a formula, as a quoted text cell with a leading quote. */
    public static String neutralise(String cell) {
        return isFormula(cell) ? "\"'" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    static boolean isFormula(String cell) {
        if (cell == null || cell.isEmpty()) {
            return false;
        }
        return switch (cell.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> true;
            default -> false;
        };
    }
}
