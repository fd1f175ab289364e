package io.pipelinehealth.analytics;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Instants;
import java.time.Clock;
import java.time.Instant;

/**
 * The time frame of an analytics read: closed visits are those that ended in {@code [from, to)}
 * (either bound open when absent) and by {@code asOf}; open visits are those still open at {@code asOf}.
 */
public record AnalyticsWindow(Instant from, Instant to, Instant asOf) {

    /**
     * The closed visits a window holds, as a condition on {@code visit}: the pipeline's visits and
     * skipped stages that ended by {@code :asOf}, at or after {@code :from} and before {@code :to}
     * (a null bound does not bound). The statements that read the visits select them so.
     */
    static final String CLOSED_VISITS = """
            tenant_id = :tenant and pipeline_id = :pipeline and kind in ('VISIT', 'SKIPPED')
              and left_at is not null and left_at <= :asOf
              and (:from::timestamptz is null or left_at >= :from::timestamptz)
              and (:to::timestamptz is null or left_at < :to::timestamptz)""";

    public static AnalyticsWindow of(String from, String to, String asOf, Clock clock) {
        Instant start = Instants.parameter("from", from);
        Instant end = Instants.parameter("to", to);
        if (start != null && end != null && !end.isAfter(start)) {
            throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                    "to must be after from: the window [from, to) is half-open, got from=" + from + " and to=" + to);
        }
        return new AnalyticsWindow(start, end, Instants.asOf(asOf, clock));
    }

    public long asOfSeconds() {
        return asOf.getEpochSecond();
    }
}
