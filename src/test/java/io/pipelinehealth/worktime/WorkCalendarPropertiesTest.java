package io.pipelinehealth.worktime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The closed-form working time against a brute-force count, minute by minute, of the minutes that
 * lie in a working date's span (each span's ends resolved by java.time, as rule 15 says), on random
 * calendars and intervals in zones with and without daylight saving, spring and autumn changes
 * included (the intervals start in 2026, around both changes, and may last weeks).
 */
class WorkCalendarPropertiesTest {

    private static final List<String> ZONES = List.of("Europe/Paris", "America/New_York", "Australia/Sydney",
            "Asia/Kolkata", "America/Santiago", "UTC", "Pacific/Chatham");
    /** Starts near the 2026 changes of the northern and southern hemispheres, and elsewhere. */
    private static final List<Instant> ANCHORS = List.of(Instant.parse("2026-03-06T00:00:00Z"),
            Instant.parse("2026-03-27T00:00:00Z"), Instant.parse("2026-10-23T00:00:00Z"),
            Instant.parse("2026-04-02T00:00:00Z"), Instant.parse("2026-09-04T00:00:00Z"),
            Instant.parse("2026-10-30T00:00:00Z"), Instant.parse("2026-06-10T00:00:00Z"));

    record Case(String zone, Set<DayOfWeek> workdays, int from, int to, List<LocalDate> holidays, long a, long b) {
        WorkCalendar calendar() {
            return new WorkCalendar(ZoneId.of(zone), workdays, from, to, holidays);
        }
    }

    @Property(tries = 300)
    void closedFormEqualsMinuteByMinuteCount(@ForAll("cases") Case c) {
        assertEquals(bruteForce(c), c.calendar().seconds(c.a(), c.b()), c.toString());
    }

    @Property(tries = 150)
    void lastOpenSecondIsTheLastSecondWithinTheLimit(@ForAll("cases") Case c) {
        WorkCalendar calendar = c.calendar();
        long limit = (c.b() - c.a()) / 3 + 60; // whole minutes like the bounds
        long last = calendar.lastSecondWithin(c.a(), limit);
        assertTrue(calendar.seconds(c.a(), last) <= limit, c.toString());
        assertEquals(limit + 1, calendar.seconds(c.a(), last + 1), c.toString());
    }

    /** Years long, from 1890 to 2320 (inside and outside the span of precomputed offset changes), against a day-by-day sum. */
    @Property(tries = 100)
    void longIntervalsEqualTheDayByDaySum(@ForAll("longCases") Case c) {
        WorkCalendar calendar = c.calendar();
        assertEquals(dayByDay(c), calendar.seconds(c.a(), c.b()), c.toString());
        long limit = (c.b() - c.a()) / 4 + 1;
        long last = calendar.lastSecondWithin(c.a(), limit);
        assertEquals(limit, calendar.seconds(c.a(), last), c.toString());
        assertEquals(limit + 1, calendar.seconds(c.a(), last + 1), c.toString());
    }

    @Provide
    Arbitrary<Case> longCases() {
        Arbitrary<Long> start = Arbitraries.longs().between(Instant.parse("1890-01-01T00:00:00Z").getEpochSecond(),
                Instant.parse("2320-01-01T00:00:00Z").getEpochSecond());
        return cases(start.map(Instant::ofEpochSecond), Arbitraries.longs().between(0, 3L * 366 * 86_400),
                Arbitraries.integers().between(-3, 1100).list().ofMaxSize(40));
    }

    /** The definition summed date by date: each working date's span clipped to [a, b). */
    private static long dayByDay(Case c) {
        ZoneId zone = ZoneId.of(c.zone());
        long total = 0;
        LocalDate last = Instant.ofEpochSecond(c.b()).atZone(zone).toLocalDate().plusDays(1);
        for (LocalDate d = Instant.ofEpochSecond(c.a()).atZone(zone).toLocalDate().minusDays(1); !d.isAfter(last);
                d = d.plusDays(1)) {
            if (c.workdays().contains(d.getDayOfWeek()) && !c.holidays().contains(d)) {
                long start = Math.max(spanStart(d, c.from(), zone), c.a());
                long end = Math.min(spanEnd(d, c.to(), zone), c.b());
                total += Math.max(0, end - start);
            }
        }
        return total;
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Instant> start = Arbitraries.of(ANCHORS).flatMap(anchor -> Arbitraries.longs().between(0, 14 * 1440)
                .map(minutes -> anchor.plusSeconds(minutes * 60)));
        Arbitrary<Long> minutes = Arbitraries.oneOf(Arbitraries.longs().between(0, 3 * 1440),
                Arbitraries.longs().between(0, 45 * 1440));
        return cases(start, minutes.map(m -> m * 60), Arbitraries.integers().between(-3, 50).list().ofMaxSize(8));
    }

    /** Random calendars (hours on the quarter hour, or the whole day; 00:00-03:00 meet DST changes) and intervals. */
    private static Arbitrary<Case> cases(Arbitrary<Instant> start, Arbitrary<Long> seconds,
            Arbitrary<List<Integer>> holidayOffsets) {
        Arbitrary<String> zone = Arbitraries.of(ZONES);
        Arbitrary<Set<DayOfWeek>> workdays = Arbitraries.of(DayOfWeek.values()).set().ofMinSize(1).ofMaxSize(7)
                .map(set -> (Set<DayOfWeek>) EnumSet.copyOf(set));
        Arbitrary<int[]> hours = Arbitraries.oneOf(Arbitraries.just(new int[] {0, 86_400}),
                Arbitraries.integers().between(0, 95).flatMap(begin -> Arbitraries.integers().between(begin + 1, 96)
                        .map(end -> new int[] {begin * 900, end * 900})));
        return Combinators.combine(zone, workdays, hours, start, seconds, holidayOffsets).as((z, days, h, s, len, offs) -> {
            LocalDate first = s.atZone(ZoneId.of(z)).toLocalDate();
            List<LocalDate> holidays = new ArrayList<>();
            offs.forEach(o -> holidays.add(first.plusDays(o)));
            long a = s.getEpochSecond();
            return new Case(z, days, h[0], h[1], holidays, a, a + len);
        });
    }

    /** Every minute of [a, b) checked on its own: does it lie in the span of a working date? */
    private static long bruteForce(Case c) {
        ZoneId zone = ZoneId.of(c.zone());
        long total = 0;
        for (long t = c.a(); t < c.b(); t += 60) {
            LocalDate date = Instant.ofEpochSecond(t).atZone(zone).toLocalDate();
            for (LocalDate d = date.minusDays(1); !d.isAfter(date.plusDays(1)); d = d.plusDays(1)) {
                if (c.workdays().contains(d.getDayOfWeek()) && !c.holidays().contains(d)
                        && spanStart(d, c.from(), zone) <= t && t < spanEnd(d, c.to(), zone)) {
                    total += 60;
                    break;
                }
            }
        }
        return total;
    }

    private static long spanStart(LocalDate d, int second, ZoneId zone) {
        return ZonedDateTime.of(d, LocalTime.ofSecondOfDay(second), zone).toEpochSecond();
    }

    private static long spanEnd(LocalDate d, int second, ZoneId zone) {
        return second == 86_400 ? ZonedDateTime.of(d.plusDays(1), LocalTime.MIDNIGHT, zone).toEpochSecond()
                : spanStart(d, second, zone);
    }

    @Test
    void rule15ExampleFridayFivePmToMondayTenAmIsTwoHours() {
        WorkCalendar paris = new WorkCalendar(ZoneId.of("Europe/Paris"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                9 * 3600, 18 * 3600, List.of());
        long friday = Instant.parse("2026-01-09T16:00:00Z").getEpochSecond(); // 17:00 in Paris
        long monday = Instant.parse("2026-01-12T09:00:00Z").getEpochSecond(); // 10:00 in Paris
        assertEquals(7_200, paris.seconds(friday, monday));
        assertEquals(9 * 3600, paris.dayLengthSeconds());
    }

    @Test
    void aYearCountsItsWholeWeeksLessHolidaysOnWorkdays() {
        WorkCalendar calendar = new WorkCalendar(ZoneId.of("Europe/Paris"), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                9 * 3600, 18 * 3600, List.of(LocalDate.parse("2026-05-01"), LocalDate.parse("2026-12-25")));
        long start = Instant.parse("2026-01-05T08:00:00Z").getEpochSecond();
        long end = Instant.parse("2027-01-04T08:00:00Z").getEpochSecond(); // Monday to Monday, 52 weeks
        // 52 weeks of 5 days, less two holidays on weekdays (2026-05-01 Fri, 2026-12-25 Fri), 9 h each.
        assertEquals((52 * 5 - 2) * 9 * 3600L, calendar.seconds(start, end));
        assertEquals(258, calendar.workingDays(LocalDate.parse("2026-01-05").toEpochDay(),
                LocalDate.parse("2027-01-03").toEpochDay()));
    }
}
