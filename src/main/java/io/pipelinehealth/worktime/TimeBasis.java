package io.pipelinehealth.worktime;

/** What a second of a figure means (issue 12): elapsed calendar time, or working time in a zone. */
public record TimeBasis(String kind, String zone) {

    public static final TimeBasis CALENDAR = new TimeBasis("CALENDAR", null);

    public static TimeBasis of(WorkCalendar calendar) {
        return calendar == null ? CALENDAR : new TimeBasis("WORKING", calendar.zone().getId());
    }

    /** One CSV cell: CALENDAR, or WORKING followed by the zone. */
    public String cell() {
        return zone == null ? kind : kind + " " + zone;
    }
}
