package io.pipelinehealth.worktime;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dates whose working span is not {@code to - from} long because an offset change falls in
 * or next to it, for one zone and one pair of hours, from 1900 to 2299, with prefix sums per
 * weekday. Built once per (zone, hours) and shared, so the sum of the corrections over any range
 * of dates costs two binary searches per workday, whatever the length of the range.
 */
final class DaylightSaving {

    static final long FIRST_DAY = LocalDate.of(1900, 1, 1).toEpochDay();
    static final long LAST_DAY = LocalDate.of(2299, 12, 31).toEpochDay();
    private static final int SECONDS_PER_DAY = 86_400;
    /** Bounds the memory a tenant can make the service hold by inventing hours (at most tens of KB each). */
    private static final int MAX_SHARED = 2_000;
    private static final Map<String, DaylightSaving> SHARED = new ConcurrentHashMap<>();

    private final long[] days;
    /** prefix[w][i]: the corrections of days[0..i) that fall on weekday w (1 = Monday). */
    private final long[][] prefix = new long[8][];
    private final long[] corrections;

    /** Shared for the first {@link #MAX_SHARED} (zone, hours) pairs; more are built per calendar, never kept. */
    static DaylightSaving of(ZoneId zone, int from, int to) {
        String key = zone.getId() + " " + from + " " + to;
        DaylightSaving known = SHARED.get(key);
        if (known != null) {
            return known;
        }
        DaylightSaving built = new DaylightSaving(zone, from, to);
        if (SHARED.size() < MAX_SHARED) {
            SHARED.putIfAbsent(key, built);
        }
        return built;
    }

    private DaylightSaving(ZoneId zone, int from, int to) {
        TreeMap<Long, Long> irregular = new TreeMap<>();
        ZoneOffsetTransition transition = zone.getRules().nextTransition(
                Instant.ofEpochSecond(startOfDay(zone, FIRST_DAY) - SECONDS_PER_DAY));
        long end = startOfDay(zone, LAST_DAY + 1) + SECONDS_PER_DAY;
        while (transition != null && transition.toEpochSecond() <= end) {
            long day = Instant.ofEpochSecond(transition.toEpochSecond()).atZone(zone).toLocalDate().toEpochDay();
            for (long near = day - 1; near <= day + 1; near++) {
                long correction = spanEnd(zone, near, to) - spanStart(zone, near, from) - (to - from);
                if (near >= FIRST_DAY && near <= LAST_DAY && correction != 0) {
                    irregular.put(near, correction);
                }
            }
            transition = zone.getRules().nextTransition(transition.getInstant());
        }
        days = irregular.keySet().stream().mapToLong(Long::longValue).toArray();
        corrections = irregular.values().stream().mapToLong(Long::longValue).toArray();
        for (int w = 1; w <= 7; w++) {
            prefix[w] = new long[days.length + 1];
            for (int i = 0; i < days.length; i++) {
                boolean onW = LocalDate.ofEpochDay(days[i]).getDayOfWeek().getValue() == w;
                prefix[w][i + 1] = prefix[w][i] + (onW ? corrections[i] : 0);
            }
        }
    }

    static boolean covers(long firstDay, long lastDay) {
        return firstDay >= FIRST_DAY && lastDay <= LAST_DAY;
    }

    /** The corrections of the dates in [firstDay, lastDay] that fall on one of the workdays. */
    long sum(long firstDay, long lastDay, Iterable<DayOfWeek> workdays) {
        int low = index(firstDay);
        int high = index(lastDay + 1);
        long total = 0;
        for (DayOfWeek day : workdays) {
            total += prefix[day.getValue()][high] - prefix[day.getValue()][low];
        }
        return total;
    }

    /** The correction of one date (0 for a regular one). */
    long at(long day) {
        int i = Arrays.binarySearch(days, day);
        return i >= 0 ? corrections[i] : 0;
    }

    /** Corrections of the given sorted days, as prefix sums (for holidays, which are not worked). */
    long[] prefixOf(long[] sortedDays) {
        List<Long> sums = new ArrayList<>();
        long sum = 0;
        sums.add(sum);
        for (long day : sortedDays) {
            sum += at(day);
            sums.add(sum);
        }
        return sums.stream().mapToLong(Long::longValue).toArray();
    }

    /** How many irregular days come before the given day. */
    private int index(long day) {
        int i = Arrays.binarySearch(days, day);
        return i >= 0 ? i : -i - 1;
    }

    static long spanStart(ZoneId zone, long day, int secondOfDay) {
        if (secondOfDay == 0) {
            return startOfDay(zone, day);
        }
        // java.time's resolution: a skipped time moves later by the gap, an ambiguous one takes the earlier offset
        return ZonedDateTime.of(LocalDate.ofEpochDay(day), LocalTime.ofSecondOfDay(secondOfDay), zone).toEpochSecond();
    }

    static long spanEnd(ZoneId zone, long day, int secondOfDay) {
        return secondOfDay == SECONDS_PER_DAY ? startOfDay(zone, day + 1) : spanStart(zone, day, secondOfDay);
    }

    static long startOfDay(ZoneId zone, long day) {
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toEpochSecond();
    }
}
