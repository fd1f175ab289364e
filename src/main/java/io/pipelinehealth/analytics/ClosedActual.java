package io.pipelinehealth.analytics;

import io.pipelinehealth.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * The actual seconds of a closed visit in SQL: {@code left_s - entered_s} (calendar time, the
 * expression the V2 indexes are built on), or the stored {@code working_s} (V11) for a pipeline
 * with a working-time calendar. Calendar-time pipelines keep their SQL text unchanged. With a
 * calendar the closed-visit filter also says {@code working_s is not null} (true of every closed
 * visit of such a pipeline), the predicate of the V15 indexes, so the planner may use them.
 */
final class ClosedActual {

    private static final Pattern CALENDAR_ACTUAL = Pattern.compile("\\b(\\w+\\.)?left_s - (\\w+\\.)?entered_s\\b");
    private static final Pattern CLOSED = Pattern.compile("\\bleft_at is not null\\b");

    private ClosedActual() {
    }

    static String in(String sql, Pipeline pipeline) {
        if (pipeline.calendar() == null) {
            return sql;
        }
        String working = CALENDAR_ACTUAL.matcher(sql).replaceAll("$1working_s");
        return CLOSED.matcher(working).replaceAll("left_at is not null and working_s is not null");
    }
}
