package io.pipelinehealth.pipeline;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * ISO-8601 durations restricted to days, hours, minutes and whole seconds ("P5D", "PT36H",
 * "P2DT12H"). Months and years are refused because their length varies.
 */
public final class DayTimeDuration {

    private static final Pattern FORM = Pattern.compile("P(?:\\d+D)?(?:T(?:\\d+H)?(?:\\d+M)?(?:\\d+S)?)?");

    private DayTimeDuration() {
    }

    /** Positive whole seconds, or an explanation of why the text is not acceptable. */
    public static long parseSeconds(String text) {
        if (text == null || !FORM.matcher(text).matches() || text.equals("P") || text.endsWith("T")) {
            throw new IllegalArgumentException("'" + text + "' is not an ISO-8601 duration of days, hours, "
                    + "minutes and whole seconds such as P5D, PT36H or P2DT12H (months and years are not allowed)");
        }
        long seconds;
        try {
            seconds = Duration.parse(text).getSeconds();
        } catch (ArithmeticException | java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'" + text + "' is out of range");
        }
        if (seconds <= 0) {
            throw new IllegalArgumentException("'" + text + "' must be longer than zero");
        }
        return seconds;
    }
}
