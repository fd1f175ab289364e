package io.pipelinehealth.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Properties of the derivation over random histories (events and hand-offs of one opportunity of
 * the worked example's pipeline). Times fall on a coarse grid so that ties, zero-length visits and
 * hand-offs at the instant of an event are common. The HTTP side of the same promise (shuffled,
 * batched and replayed posts) is {@code transition.ArrivalOrderPropertyTest}.
 */
class VisitDeriverPropertiesTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> STAGES = List.of("qualify", "discover", "propose", "negotiate", "won", "lost");

    @Property(tries = 500)
    void anyArrivalOrderGivesTheSamePositions(@ForAll("histories") List<Step> history, @ForAll long seed) {
        List<Step> shuffled = new ArrayList<>(history);
        Collections.shuffle(shuffled, new Random(seed));

        assertEquals(VisitDeriver.derive(VisitDeriverTest.STD, history), VisitDeriver.derive(VisitDeriverTest.STD, shuffled));
    }

    @Property(tries = 500)
    void positionsAreContiguousAndOnlyTheLastIsOpen(@ForAll("histories") List<Step> history) {
        List<Position> positions = VisitDeriver.derive(VisitDeriverTest.STD, history);

        for (int i = 0; i < positions.size(); i++) {
            assertEquals(i, positions.get(i).seq());
            if (i + 1 < positions.size()) {
                assertEquals(positions.get(i + 1).enteredAt(), positions.get(i).leftAt(), "end of position " + i);
            }
        }
    }

    /**
     * What lets stored rows answer any asOf (docs/domain-decisions.md): deriving only the steps up
     * to asOf gives the stored positions that began by asOf, with the one still running at asOf
     * open, and so the same actual seconds and statuses.
     */
    @Property(tries = 1000)
    void historyUpToAsOfGivesThePositionsThatBeganByAsOf(@ForAll("histories") List<Step> history,
            @ForAll("offsets") long asOfOffset) {
        Instant asOf = START.plusSeconds(asOfOffset);
        List<Position> stored = VisitDeriver.derive(VisitDeriverTest.STD, history);
        List<Step> upToAsOf = history.stream().filter(step -> !step.at().isAfter(asOf)).toList();
        List<Position> derivedAtAsOf = VisitDeriver.derive(VisitDeriverTest.STD, upToAsOf);

        List<String> expected = stored.stream().filter(p -> !p.enteredAt().isAfter(asOf))
                .map(p -> asSeenAt(p, asOf)).toList();
        assertEquals(expected, derivedAtAsOf.stream().map(p -> asSeenAt(p, asOf)).toList());
    }

    private static String asSeenAt(Position p, Instant asOf) {
        String base = p.kind() + " " + p.stage() + " " + p.enteredAt() + " " + p.ownerId() + " "
                + (p.closedAt(asOf) ? "left " + p.leftAt() : "open");
        return p.kind().isVisit() ? base + " " + p.rules() + " " + p.actualSeconds(asOf) + " " + p.status(asOf) : base;
    }

    @Provide
    Arbitrary<Long> offsets() {
        return Arbitraries.longs().between(-3_600, 90L * 86_400);
    }

    @Provide
    Arbitrary<List<Step>> histories() {
        Arbitrary<Step> event = Combinators.combine(
                Arbitraries.integers().between(0, 400),            // hours on a coarse grid: many ties
                Arbitraries.of(STAGES),
                Arbitraries.of("ana", "bob"),
                Arbitraries.of(Map.<String, String>of(), Map.of("region", "south"), Map.of("region", "north")),
                Arbitraries.strings().withChars("abcé😀").ofMinLength(1).ofMaxLength(3))
                .as((hour, stage, owner, attributes, suffix) -> (Step) new Step.Event("e" + hour + suffix,
                        START.plusSeconds(hour * 3_600L * 4), stage, owner, null, null, attributes));
        Arbitrary<Step> handoff = Combinators.combine(
                Arbitraries.integers().between(0, 400),
                Arbitraries.of(HandoffDirection.values()),
                Arbitraries.of("qualify", "propose", "negotiate"),
                Arbitraries.longs().between(1, 1_000_000))
                .as((hour, direction, stage, sequence) -> (Step) new Step.Handoff(sequence,
                        START.plusSeconds(hour * 3_600L * 4), direction,
                        direction == HandoffDirection.TO_SALES ? stage : null,
                        direction == HandoffDirection.TO_SALES ? "mia" : null));
        return Arbitraries.frequencyOf(Tuple.of(6, event), Tuple.of(1, handoff))
                .list().ofMinSize(1).ofMaxSize(25)
                .uniqueElements(VisitDeriverPropertiesTest::identity);
    }

    /** Event ids and hand-off sequences are unique in a stored history. */
    private static Object identity(Step step) {
        return step instanceof Step.Event event ? "event " + event.eventId() : "handoff " + ((Step.Handoff) step).sequence();
    }
}
