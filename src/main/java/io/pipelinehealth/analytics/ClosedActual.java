package io.pipelinehealth.analytics;

import io.pipelinehealth.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * The actual and deviation seconds of a closed visit in SQL: the columns {@code actual_s} and
 * {@code deviation_s} (calendar time, V22, what the V2 indexes order by), or {@code working_s}
 * (V11) and {@code working_deviation_s} (V22) for a pipeline with a working-time calendar.
 * Calendar-time pipelines keep their SQL text unchanged. With a calendar the closed-visit filter
 * also says {@code working_s is not null} (true of every closed visit of such a pipeline), the
 * predicate of the V15 indexes, so the planner may use them.
 */
final class ClosedActual {

    private static final Pattern CALENDAR_ACTUAL = Pattern.compile("\\b(\\w+\\.)?actual_s\\b");
    private static final Pattern CALENDAR_DEVIATION = Pattern.compile("\\b(\\w+\\.)?deviation_s\\b");
    private static final Pattern CLOSED = Pattern.compile("\\bleft_at is not null\\b");

    private ClosedActual() {
    }

    static String in(String sql, Pipeline pipeline) {
        if (pipeline.calendar() == null) {
            return sql;
        }
        String working = CALENDAR_DEVIATION.matcher(CALENDAR_ACTUAL.matcher(sql).replaceAll("$1working_s"))
                .replaceAll("$1working_deviation_s");
        return CLOSED.matcher(working).replaceAll("left_at is not null and working_s is not null");
    }
}
