package io.pipelinehealth.analytics;

import io.pipelinehealth.pipeline.Pipeline;
import java.util.regex.Pattern;

/**
 * The actual seconds of a closed visit in SQL: {@code left_s - entered_s} (calendar time, the
 * expression the V2 indexes are built on), or the stored {@code working_s} (V11) for a pipeline
 * with a working-time calendar. Calendar-time pipelines keep their SQL text unchanged.
 */
final class ClosedActual {

    private static final Pattern CALENDAR_ACTUAL = Pattern.compile("\\b(\\w+\\.)?left_s - (\\w+\\.)?entered_s\\b");

    private ClosedActual() {
    }

    static String in(String sql, Pipeline pipeline) {
        return pipeline.calendar() == null ? sql : CALENDAR_ACTUAL.matcher(sql).replaceAll("$1working_s");
    }
}
