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
