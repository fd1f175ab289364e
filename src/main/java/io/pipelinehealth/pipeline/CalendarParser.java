package io.pipelinehealth.pipeline;

import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.pipeline.PipelineDocument.CalendarDocument;
import io.pipelinehealth.worktime.WorkCalendar;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Validates a pipeline's {@code calendar} (DOMAIN rule 15) into a {@link WorkCalendar}, naming every bad field. */
final class CalendarParser {

    /** docs/limits.md: more would make a pipeline document (and its checks) large for no real calendar. */
    static final int MAX_HOLIDAYS = 1000;

    private static final Map<String, DayOfWeek> DAYS = Map.of("MON", DayOfWeek.MONDAY, "TUE", DayOfWeek.TUESDAY,
            "WED", DayOfWeek.WEDNESDAY, "THU", DayOfWeek.THURSDAY, "FRI", DayOfWeek.FRIDAY, "SAT", DayOfWeek.SATURDAY,
            "SUN", DayOfWeek.SUNDAY);
    private static final Set<DayOfWeek> DEFAULT_WORKDAYS = EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
    private static final Pattern CLOCK = Pattern.compile("([01][0-9]|2[0-4]):([0-5][0-9])");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private final List<FieldError> errors;

    private CalendarParser(List<FieldError> errors) {
        this.errors = errors;
    }

    /** The calendar, or null when there is none or it has errors (then added to {@code errors}). */
    static WorkCalendar parse(CalendarDocument document, List<FieldError> errors) {
        return document == null ? null : new CalendarParser(errors).run(document);
    }

    private WorkCalendar run(CalendarDocument doc) {
        int before = errors.size();
        ZoneId zone = zone(doc.zone());
        Set<DayOfWeek> workdays = workdays(doc.workdays());
        int from = 0;
        int to = 86_400;
        if (doc.hours() != null) {
            Integer start = clock("calendar.hours.from", doc.hours().from(), false);
            Integer end = clock("calendar.hours.to", doc.hours().to(), true);
            if (start != null && end != null) {
                if (start >= end) {
                    error("calendar.hours", "from (" + doc.hours().from() + ") must be before to (" + doc.hours().to() + ")");
                }
                from = start;
                to = end;
            }
        }
        List<LocalDate> holidays = holidays(doc.holidays());
        if (errors.size() > before) {
            return null;
        }
        return new WorkCalendar(zone, workdays, from, to, holidays);
    }

    private ZoneId zone(String zone) {
        if (zone == null) {
            error("calendar.zone", "an IANA time-zone id such as Europe/Paris is required");
        } else if (!ZoneId.getAvailableZoneIds().contains(zone)) {
            error("calendar.zone", Text.quote(zone) + " is not an IANA time-zone id (such as Europe/Paris)");
        } else {
            return ZoneId.of(zone);
        }
        return null;
    }

    private Set<DayOfWeek> workdays(List<String> names) {
        if (names == null) {
            return DEFAULT_WORKDAYS;
        }
        if (names.isEmpty()) {
            error("calendar.workdays", "at least one workday is required (MON, TUE, WED, THU, FRI, SAT, SUN)");
            return DEFAULT_WORKDAYS;
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < names.size(); i++) {
            DayOfWeek day = names.get(i) == null ? null : DAYS.get(names.get(i));
            if (day == null) {
                error("calendar.workdays[" + i + "]", Text.quote(names.get(i)) + " is not one of MON, TUE, WED, THU, FRI, SAT, SUN");
            } else if (!days.add(day)) {
                error("calendar.workdays[" + i + "]", Text.quote(names.get(i)) + " is listed twice");
            }
        }
        return days.isEmpty() ? DEFAULT_WORKDAYS : days;
    }

    /** "HH:MM" as seconds of the day; 24:00 only as an end. */
    private Integer clock(String field, String text, boolean end) {
        Matcher matcher = text == null ? null : CLOCK.matcher(text);
        if (matcher == null || !matcher.matches()) {
            error(field, Text.quote(text) + " is not a local time HH:MM");
            return null;
        }
        int hour = Integer.parseInt(matcher.group(1));
        int minute = Integer.parseInt(matcher.group(2));
        if (hour == 24 && (minute != 0 || !end)) {
            error(field, Text.quote(text) + (end ? " is past 24:00" : " is not a start time (24:00 can only end the hours)"));
            return null;
        }
        return hour * 3600 + minute * 60;
    }

    private List<LocalDate> holidays(List<String> texts) {
        List<LocalDate> dates = new ArrayList<>();
        if (texts == null) {
            return dates;
        }
        if (texts.size() > MAX_HOLIDAYS) {
            error("calendar.holidays", "at most " + MAX_HOLIDAYS + " holidays, not " + texts.size());
            return dates;
        }
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            try {
                if (text == null || !DATE.matcher(text).matches()) {
                    throw new DateTimeParseException("form", String.valueOf(text), 0);
                }
                dates.add(LocalDate.parse(text)); // ISO_LOCAL_DATE is strict: 2026-02-30 is refused
            } catch (DateTimeParseException e) {
                error("calendar.holidays[" + i + "]", Text.quote(text) + " is not a date YYYY-MM-DD that exists");
            }
        }
        return dates;
    }

    private void error(String field, String message) {
        errors.add(FieldError.of(field, message));
    }
}
