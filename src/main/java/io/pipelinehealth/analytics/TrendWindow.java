package io.pipelinehealth.analytics;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Instants;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The weeks of a rep's trend: closed visits that ended in {@code [from, to)} and by {@code asOf},
 * grouped by the ISO week (Monday 00:00 in the pipeline calendar's zone, else UTC) they ended in.
 * {@code to} defaults to asOf, {@code from} to 12 weeks before {@code to}; the window spans at most
 * 104 weeks, so a trend is at most 105 partial weeks long.
 */
public record TrendWindow(Instant from, Instant to, Instant asOf) {

    static final int MAX_WEEKS = 104;
    static final int DEFAULT_WEEKS = 12;

    public static TrendWindow of(String from, String to, String asOf, Clock clock) {
        Instant at = Instants.asOf(asOf, clock);
        Instant end = Instants.parameter("to", to);
        end = end == null ? at : end;
        Instant start = Instants.parameter("from", from);
        start = start == null ? end.minus(Duration.ofDays(7L * DEFAULT_WEEKS)) : start;
        if (!end.isAfter(start)) {
            throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                    "to must be after from: the window [from, to) is half-open, got from=" + start + " and to=" + end);
        }
        if (Duration.between(start, end).compareTo(Duration.ofDays(7L * MAX_WEEKS)) > 0) {
            String message = "the window [from, to) spans at most " + MAX_WEEKS + " weeks, got " + start + " to " + end;
            throw ApiException.unprocessable("invalid-parameter", "Invalid query parameter", message,
                    List.of(new FieldError(null, null, "from", message)));
        }
        return new TrendWindow(start, end, at);
    }

    /** The Monday of every week the window touches, in the zone's local dates, oldest first. */
    List<LocalDate> mondays(ZoneId zone) {
        LocalDate first = monday(from, zone);
        LocalDate last = monday(to.minus(1, ChronoUnit.MICROS), zone);
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            weeks.add(week);
        }
        return weeks;
    }

    private static LocalDate monday(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
