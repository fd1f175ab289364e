package io.pipelinehealth.common;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * RFC 3339 instants, in query parameters ({@code asOf}, {@code from}, {@code to}) and in body
 * fields ({@code occurredAt}, a hand-off's {@code at}). The one place an instant is read: dates
 * are resolved strictly (2026-02-30 is refused, not turned into 2026-02-28), and only instants
 * from {@link #MIN} to {@link #MAX} are accepted, a range PostgreSQL's timestamptz and our
 * arithmetic (an instant plus a standard of up to ten years) both handle.
 */
public final class Instants {

    public static final Instant MIN = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    /** STRICT: the builder's default (SMART) would move 30 February to the 28th without a word. */
    public static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
            .parseCaseInsensitive().append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    static final String FORM = "an RFC 3339 instant with an offset such as 2026-02-10T00:00:00Z or "
            + "2026-02-10T02:00:00+02:00, between 1900-01-01 and 9999-12-31 UTC";

    private Instants() {
    }

    /** Thrown by {@link #parse}; the message says what is wrong in words for an error body. */
    public static final class InvalidInstant extends IllegalArgumentException {
        InvalidInstant(String message) {
            super(message);
        }
    }

    /** The instant, truncated to the microsecond PostgreSQL keeps; never null. */
    public static Instant parse(String text) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text, RFC_3339).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInstant("must be " + FORM + ", not " + Text.quote(text));
        }
        if (instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new InvalidInstant(Text.quote(text) + " is outside 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z");
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** The instant named by the query parameter, or null when it is absent; 400 when invalid. */
    public static Instant parameter(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return parse(text);
        } catch (InvalidInstant e) {
            throw ApiException.badRequest("invalid-parameter", "Invalid query parameter", name + " " + e.getMessage(),
                    List.of(FieldError.of(name, e.getMessage())));
        }
    }

    /** {@code asOf} defaults to now, read from the injectable clock. */
    public static Instant asOf(String text, Clock clock) {
        Instant asOf = parameter("asOf", text);
        return asOf != null ? asOf : clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
