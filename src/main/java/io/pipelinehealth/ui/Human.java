package io.pipelinehealth.ui;

import io.pipelinehealth.worktime.TimeBasis;
import io.pipelinehealth.worktime.WorkCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Figures written for people: durations as "3 d 4 h" or "2 h 15 min"; in a pipeline with a working
 * calendar, where a day is the calendar's working day, "1.5 working days"; instants in the
 * pipeline calendar's zone, else UTC, with the zone written after them.
 */
final class Human {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** The formats of one pipeline: its calendar (null: calendar time). */
    private final WorkCalendar calendar;

    Human(WorkCalendar calendar) {
        this.calendar = calendar;
    }

    String duration(long seconds) {
        return seconds < 0 ? "−" + magnitude(-seconds) : magnitude(seconds);
    }

    String duration(BigDecimal seconds) {
        return seconds == null ? "–" : duration(seconds.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    /** A deviation with its sign: "+2 d 3 h" slower, "−4 h" faster, "±0" on the standard. */
    String deviation(long seconds) {
        return seconds == 0 ? "±0" : seconds > 0 ? "+" + magnitude(seconds) : "−" + magnitude(-seconds);
    }

    String deviation(BigDecimal seconds) {
        return seconds == null ? "–" : deviation(seconds.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    private String magnitude(long seconds) {
        if (calendar != null) {
            return working(seconds, calendar.dayLengthSeconds());
        }
        return calendarTime(seconds);
    }

    static String calendarTime(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        if (days > 0) {
            return hours == 0 ? days + " d" : days + " d " + hours + " h";
        }
        if (hours > 0) {
            return minutes == 0 ? hours + " h" : hours + " h " + minutes + " min";
        }
        return minutes > 0 ? minutes + " min" : seconds + " s";
    }

    /** Whole working days and tenths; under a working day, hours and minutes of working time. */
    static String working(long seconds, long dayLength) {
        if (seconds < dayLength) {
            return calendarTime(seconds) + " working";
        }
        BigDecimal days = BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(dayLength), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return days.toPlainString() + (days.compareTo(BigDecimal.ONE) == 0 ? " working day" : " working days");
    }

    ZoneId zone() {
        return calendar == null ? ZoneOffset.UTC : calendar.zone();
    }

    /** "2026-02-10 14:30 Europe/Berlin", or "… UTC" for a pipeline without calendar. */
    String instant(Instant instant) {
        if (instant == null) {
            return "–";
        }
        String zone = calendar == null ? "UTC" : calendar.zone().getId();
        return WHEN.format(instant.atZone(zone())) + " " + zone;
    }

    /** DOMAIN rule 15 in words. */
    static String basis(TimeBasis basis) {
        return basis.zone() == null
                ? "calendar time: every hour counts, nights and weekends too"
                : "working time of the pipeline's calendar (" + basis.zone() + "): only working hours count";
    }

    static String percent(BigDecimal share) {
        return share == null ? "–" : share.movePointRight(2).setScale(0, RoundingMode.HALF_UP).toPlainString() + " %";
    }
}
