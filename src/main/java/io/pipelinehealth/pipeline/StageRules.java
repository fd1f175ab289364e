package io.pipelinehealth.pipeline;

import io.pipelinehealth.worktime.WorkCalendar;
import java.math.BigDecimal;

/**
 * The standard and bands that apply to one visit once overrides are resolved, and the calendar
 * its durations are counted in (null: calendar time; else working seconds, rule 15).
 */
public record StageRules(long standardSeconds, BigDecimal rushedBelow, BigDecimal slowAbove, long frozenAfterSeconds,
        WorkCalendar calendar) {

    public StageRules(long standardSeconds, BigDecimal rushedBelow, BigDecimal slowAbove, long frozenAfterSeconds) {
        this(standardSeconds, rushedBelow, slowAbove, frozenAfterSeconds, null);
    }

    /** Rule 13 or 15: the seconds of {@code [from, to)} that count (both epoch seconds). */
    public long seconds(long from, long to) {
        return calendar == null ? to - from : calendar.seconds(from, to);
    }

    /**
     * The last epoch second a visit entered at {@code enteredSecond} is still not frozen: with
     * calendar time {@code entered + frozenAfter}; with working time the end of the non-working
     * stretch after frozenAfter working seconds.
     */
    public long lastOpenSecond(long enteredSecond) {
        return calendar == null ? enteredSecond + frozenAfterSeconds
                : calendar.lastSecondWithin(enteredSecond, frozenAfterSeconds);
    }
}
