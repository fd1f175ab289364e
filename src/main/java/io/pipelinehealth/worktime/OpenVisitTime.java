package io.pipelinehealth.worktime;

/**
 * Figures of a visit open at asOf from its stored row, in the pipeline's time basis: the elapsed
 * seconds, and the declared frozenAfter (with a calendar, the row's frozen_after_s is the calendar
 * span to the last second not frozen, V11, whose working time is frozenAfter itself).
 */
public final class OpenVisitTime {

    private OpenVisitTime() {
    }

    public static long elapsed(WorkCalendar calendar, long enteredSecond, long asOfSecond) {
        return calendar == null ? asOfSecond - enteredSecond : calendar.seconds(enteredSecond, asOfSecond);
    }

    public static long frozenAfter(WorkCalendar calendar, long enteredSecond, long storedFrozenAfter) {
        return calendar == null ? storedFrozenAfter
                : calendar.seconds(enteredSecond, enteredSecond + storedFrozenAfter);
    }
}
