package io.pipelinehealth.pipeline;

import io.pipelinehealth.common.Text;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * ISO-8601 durations restricted to days, hours, minutes and whole seconds ("P5D", "PT36H",
 * "P2DT12H"). Months and years are refused because their length varies. At most
 * {@link #MAX_SECONDS} (P3650D, ten years): three times that, the default {@code frozenAfter},
 * and an instant up to 9999-12-31 plus that all stay far inside a {@code long} and PostgreSQL's
 * bigint and timestamptz, so no arithmetic on a standard can overflow.
 */
public final class DayTimeDuration {

    public static final long MAX_SECONDS = Duration.ofDays(3650).getSeconds();
    /** More digits than this cannot be a valid duration and are not worth parsing. */
    private static final int MAX_TEXT = 64;
    private static final Pattern FORM = Pattern.compile("P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?");

    private DayTimeDuration() {
    }

    /**
     * Rule 15: with a working-time calendar a declared day is a working day, worth
     * {@code dayLengthSeconds}; the time part counts as written. With 86400 it is {@link #parseSeconds}.
     */
    public static long parseSeconds(String text, long dayLengthSeconds) {
        long seconds = parseSeconds(text);
        int d = text.indexOf('D');
        long days = d < 0 ? 0 : Long.parseLong(text.substring(1, d));
        return seconds - days * 86_400 + days * dayLengthSeconds;
    }

    /** Positive whole seconds, or an explanation of why the text is not acceptable. */
    public static long parseSeconds(String text) {
        if (text == null || text.length() > MAX_TEXT || !FORM.matcher(text).matches() || text.equals("P")
                || text.endsWith("T")) {
            throw new IllegalArgumentException(Text.quote(text) + " is not an ISO-8601 duration of days, hours, "
                    + "minutes and whole seconds such as P5D, PT36H or P2DT12H (months and years are not allowed)");
        }
        long seconds;
        try {
            seconds = Duration.parse(text).getSeconds();
        } catch (ArithmeticException | java.time.format.DateTimeParseException e) {
            seconds = Long.MAX_VALUE;
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException(Text.quote(text) + " must be longer than zero");
        }
        if (seconds > MAX_SECONDS) {
            throw new IllegalArgumentException(Text.quote(text) + " is longer than the maximum P3650D (ten years)");
        }
        return seconds;
    }
}
