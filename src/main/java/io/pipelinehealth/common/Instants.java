package io.pipelinehealth.common;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/** RFC 3339 instants in query parameters ({@code asOf}, {@code from}, {@code to}). */
public final class Instants {

    public static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();

    private Instants() {
    }

    /** The instant named by the parameter, or null when it is absent. */
    public static Instant parameter(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text, RFC_3339).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("invalid-parameter", "Invalid query parameter", name + " must be an RFC 3339 "
                    + "instant with an offset such as 2026-02-10T00:00:00Z, not '" + text + "'");
        }
    }

    /** {@code asOf} defaults to now, read from the injectable clock. */
    public static Instant asOf(String text, Clock clock) {
        Instant asOf = parameter("asOf", text);
        return asOf != null ? asOf : clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
