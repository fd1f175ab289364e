package io.pipelinehealth.worktime;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A pipeline's working time (DOMAIN rule 15), as a pure function of epoch seconds. A working
 * local date {@code d} (a workday that is no holiday) contributes the instants
 * {@code [start(d), end(d))}, where {@code start(d)} is {@code from} on that date's clock and
 * {@code end(d)} is {@code to} (the next midnight for {@code 24:00}; the whole day without hours),
 * each resolved by java.time: a time a gap skips moves later by the gap, an ambiguous one takes
 * the earlier offset.
 *
 * <p>Costs do not grow with the length of an interval: the dates in between are counted in whole
 * weeks, holidays by binary search in a sorted array, and the dates a daylight-saving change makes
 * longer or shorter by prefix sums precomputed once per zone and hours ({@link DaylightSaving},
 * 1900-2299; outside it, by walking the offset changes in the range). Only the dates at either
 * end are looked at one by one.
 */
public final class WorkCalendar {

    private static final int SECONDS_PER_DAY = 86_400;

    private final ZoneId zone;
    private final ZoneRules rules;
    private final Set<DayOfWeek> workdays;
    private final boolean[] worked = new boolean[8];
    /** Seconds of the local day; {@code to} may be 86400 (24:00). */
    private final int from;
    private final int to;
    /** Epoch days of the holidays that fall on a workday, sorted, without duplicates. */
    private final long[] holidays;
    /** Built on first use of a long interval: most reads of a pipeline never need it. */
    private volatile Corrections corrections;

    /** The zone's daylight-saving corrections, and the prefix sums of those of the holidays (not worked). */
    private record Corrections(DaylightSaving daylightSaving, long[] holidays) {
    }

    public WorkCalendar(ZoneId zone, Set<DayOfWeek> workdays, int fromSecond, int toSecond,
            Collection<LocalDate> holidays) {
        if (workdays.isEmpty() || fromSecond < 0 || toSecond > SECONDS_PER_DAY || fromSecond >= toSecond) {
            throw new IllegalArgumentException("an unusable calendar");
        }
        this.zone = zone;
        this.rules = zone.getRules();
        this.workdays = EnumSet.copyOf(workdays);
        this.workdays.forEach(day -> worked[day.getValue()] = true);
        this.from = fromSecond;
        this.to = toSecond;
        this.holidays = new TreeSet<>(holidays).stream().filter(day -> worked[day.getDayOfWeek().getValue()])
                .mapToLong(LocalDate::toEpochDay).toArray();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The length of a working day on the clock, {@code to - from}: what one day of a declared duration is worth. */
    public long dayLengthSeconds() {
        return to - from;
    }

    /** Working seconds of {@code [a, b)} (epoch seconds); 0 when {@code a >= b}. */
    public long seconds(long a, long b) {
        if (a >= b) {
            return 0;
        }
        long firstDay = localDay(a) - 1;
        long lastDay = localDay(b) + 1;
        if (lastDay - firstDay <= 8) {
            return direct(firstDay, lastDay, a, b);
        }
        // Dates from localDay(a) + 2 to localDay(b) - 2 lie wholly inside [a, b): their working
        // span counts whole; the two ends are counted date by date.
        long middleFirst = firstDay + 3;
        long middleLast = lastDay - 3;
        return direct(firstDay, middleFirst - 1, a, b) + whole(middleFirst, middleLast) + direct(middleLast + 1, lastDay, a, b);
    }

    public long seconds(Instant a, Instant b) {
        return seconds(a.getEpochSecond(), b.getEpochSecond());
    }

    /**
     * The last epoch second {@code t} with {@code seconds(start, t) <= limit}: the last second a
     * visit entered at {@code start} is still within a working-time threshold of {@code limit}
     * seconds. It lies at the end of the non-working stretch after the threshold is reached, so
     * a deal does not freeze over a weekend. The dates around {@code start} are looked at one by
     * one; after them, the date the threshold falls on is found by a search over whole dates
     * started from an estimate in whole weeks, each step counted by {@link #whole}, so the cost
     * does not grow with the length either.
     */
    public long lastSecondWithin(long start, long limit) {
        long target = limit + 1; // the first second past the limit is the first frozen one
        long firstDay = localDay(start);
        long counted = 0;
        for (long day = firstDay - 1; day <= firstDay + 1; day++) {
            if (working(day)) {
                long from = Math.max(start(day), start);
                long length = end(day) - from;
                if (length > 0 && counted + length >= target) {
                    return from + (target - counted) - 1;
                }
                counted += Math.max(0, length);
            }
        }
        long remaining = target - counted;
        long first = firstDay + 2; // from here on every working date's span lies after start
        long perWeek = workdays.size() * dayLengthSeconds();
        long low;
        long high = first - 1 + Math.max(1, remaining * 7 / perWeek);
        long step = 7;
        if (whole(first, high) >= remaining) {
            low = high - step;
            while (low >= first && whole(first, low) >= remaining) {
                high = low;
                step *= 2;
                low = high - step;
            }
            low = Math.max(low, first - 1);
        } else {
            low = high;
            high = low + step;
            while (whole(first, high) < remaining) {
                low = high;
                step *= 2;
                high = low + step;
            }
        }
        // whole(first, low) < remaining <= whole(first, high)
        while (high - low > 1) {
            long middle = low + (high - low) / 2;
            if (whole(first, middle) >= remaining) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return start(high) + (remaining - whole(first, high - 1)) - 1;
    }

    private long localDay(long epochSecond) {
        Instant instant = Instant.ofEpochSecond(epochSecond);
        return instant.atZone(zone).toLocalDate().toEpochDay();
    }

    private long direct(long firstDay, long lastDay, long a, long b) {
        long total = 0;
        for (long day = firstDay; day <= lastDay; day++) {
            if (working(day)) {
                long start = Math.max(start(day), a);
                long end = Math.min(end(day), b);
                total += Math.max(0, end - start);
            }
        }
        return total;
    }

    /** The working seconds of every working date in {@code [firstDay, lastDay]}, counted whole. */
    private long whole(long firstDay, long lastDay) {
        if (firstDay > lastDay) {
            return 0;
        }
        long total = workingDays(firstDay, lastDay) * dayLengthSeconds();
        if (DaylightSaving.covers(firstDay, lastDay)) {
            Corrections known = corrections();
            return total + known.daylightSaving().sum(firstDay, lastDay, workdays)
                    - (known.holidays()[upperBound(lastDay)] - known.holidays()[upperBound(firstDay - 1)]);
        }
        // Outside 1900-2299: only dates next to an offset change can differ from the clock length.
        TreeSet<Long> irregular = new TreeSet<>();
        long scanFrom = startOfDay(firstDay) - SECONDS_PER_DAY;
        long scanTo = startOfDay(lastDay + 1) + SECONDS_PER_DAY;
        ZoneOffsetTransition transition = rules.nextTransition(Instant.ofEpochSecond(scanFrom));
        while (transition != null && transition.toEpochSecond() <= scanTo) {
            long day = localDay(transition.toEpochSecond());
            for (long near = day - 1; near <= day + 1; near++) {
                if (near >= firstDay && near <= lastDay) {
                    irregular.add(near);
                }
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        for (long day : irregular) {
            if (working(day)) {
                total += (end(day) - start(day)) - dayLengthSeconds();
            }
        }
        return total;
    }

    private Corrections corrections() {
        Corrections known = corrections;
        if (known == null) {
            DaylightSaving daylightSaving = DaylightSaving.of(zone, from, to);
            known = new Corrections(daylightSaving, daylightSaving.prefixOf(holidays));
            corrections = known; // a race builds the same value twice, harmlessly
        }
        return known;
    }

    /** Working dates (workdays that are not holidays) in {@code [firstDay, lastDay]}. */
    long workingDays(long firstDay, long lastDay) {
        long days = lastDay - firstDay + 1;
        long count = days / 7 * workdays.size();
        DayOfWeek weekday = LocalDate.ofEpochDay(firstDay).getDayOfWeek();
        for (long rest = days % 7; rest > 0; rest--) {
            if (worked[weekday.getValue()]) {
                count++;
            }
            weekday = weekday.plus(1);
        }
        return count - (upperBound(lastDay) - upperBound(firstDay - 1));
    }

    /** How many holidays are on or before the given epoch day. */
    private int upperBound(long day) {
        int index = Arrays.binarySearch(holidays, day);
        if (index >= 0) {
            return index + 1;
        }
        return -index - 1;
    }

    private boolean working(long day) {
        LocalDate date = LocalDate.ofEpochDay(day);
        return worked[date.getDayOfWeek().getValue()] && Arrays.binarySearch(holidays, day) < 0;
    }

    private long start(long day) {
        return DaylightSaving.spanStart(zone, day, from);
    }

    private long end(long day) {
        return DaylightSaving.spanEnd(zone, day, to);
    }

    private long startOfDay(long day) {
        return DaylightSaving.startOfDay(zone, day);
    }

    @Override
    public String toString() {
        return "WorkCalendar[" + zone + " " + workdays + " " + from + "-" + to + ", " + holidays.length + " holidays]";
    }
}
