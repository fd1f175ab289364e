package io.pipelinehealth.visit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineDocument;
import io.pipelinehealth.pipeline.PipelineDocument.OverrideDocument;
import io.pipelinehealth.pipeline.PipelineDocument.StageDocument;
import io.pipelinehealth.pipeline.PipelineParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pure-logic cases of the derivation; the HTTP tests cover the same rules end to end. */
class VisitDeriverTest {

    static final Pipeline STD = PipelineParser.parse("std", new PipelineDocument("std", List.of(
            open("qualify", "P5D"), open("discover", "P10D"), open("propose", "P7D"), open("negotiate", "P5D"),
            new StageDocument("won", null, "WON", null, null, null, null),
            new StageDocument("lost", null, "LOST", null, null, null, null)),
            List.of(new OverrideDocument(Map.of("region", "south"), "propose", "P10D", null, null, null)), null, null));

    static StageDocument open(String key, String standard) {
        return new StageDocument(key, null, null, standard, null, null, null);
    }

    static Step.Event event(String id, String at, String stage) {
        return event(id, at, stage, "ana", Map.of());
    }

    static Step.Event event(String id, String at, String stage, String owner, Map<String, String> attributes) {
        return new Step.Event(id, Instant.parse(at), stage, owner, null, null, attributes);
    }

    static String summary(List<Position> positions, Instant asOf) {
        StringBuilder text = new StringBuilder();
        for (Position p : positions) {
            text.append(p.kind()).append(' ').append(p.stage());
            if (p.kind().isVisit()) {
                text.append(' ').append(p.actualSeconds(asOf)).append(' ').append(p.status(asOf));
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Test
    void workedExampleOfTheDomain() {
        List<Position> positions = VisitDeriver.derive(STD, List.of(
                event("e1", "2026-01-01T00:00:00Z", "qualify"),
                event("e2", "2026-01-02T00:00:00Z", "propose"),
                event("e3", "2026-01-20T00:00:00Z", "negotiate")));
        Instant asOf = Instant.parse("2026-02-10T00:00:00Z");
        assertEquals("""
                VISIT qualify 86400 RUSHED
                SKIPPED discover 0 SKIPPED
                VISIT propose 1555200 SLOW
                VISIT negotiate 1814400 FROZEN
                """, summary(positions, asOf));
        assertEquals(864000, positions.get(1).rules().standardSeconds());
    }

    @Test
    void arrivalOrderNeverMatters() {
        List<Step.Event> events = new ArrayList<>(List.of(
                event("a", "2026-01-01T00:00:00Z", "qualify"),
                event("b", "2026-01-03T00:00:00Z", "negotiate"),
                event("c", "2026-01-03T00:00:00Z", "discover"),
                event("d", "2026-01-05T00:00:00Z", "qualify"),
                event("e", "2026-01-09T00:00:00Z", "won")));
        String expected = summary(VisitDeriver.derive(STD, events), Instant.parse("2026-02-01T00:00:00Z"));
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            Collections.shuffle(events, random);
            assertEquals(expected, summary(VisitDeriver.derive(STD, events), Instant.parse("2026-02-01T00:00:00Z")));
        }
    }

    @Test
    void sameInstantTiesFollowEventIdCodePoints() {
        // U+FF5A < U+1F600 by code point; UTF-16 units would order the emoji (D83D..) first
        List<Position> positions = VisitDeriver.derive(STD, List.of(
                event("\uFF5A", "2026-01-01T00:00:00Z", "propose"),
                event("\uD83D\uDE00", "2026-01-01T00:00:00Z", "qualify")));
        assertEquals("qualify", positions.get(positions.size() - 1).stage());
    }

    @Test
    void sameStageAgainStartsNoVisitButUpdatesOwner() {
        List<Position> positions = VisitDeriver.derive(STD, List.of(
                event("a", "2026-01-01T00:00:00Z", "qualify", "ana", Map.of()),
                event("b", "2026-01-02T00:00:00Z", "qualify", "bob", Map.of())));
        assertEquals(1, positions.size());
        assertEquals("ana", positions.get(0).ownerId());
        assertEquals("bob", positions.get(0).currentOwner());
    }

    @Test
    void reentryStartsNewVisitAndBackwardsSkipsNothing() {
        List<Position> positions = VisitDeriver.derive(STD, List.of(
                event("a", "2026-01-01T00:00:00Z", "propose"),
                event("b", "2026-01-02T00:00:00Z", "qualify"),
                event("c", "2026-01-03T00:00:00Z", "propose")));
        assertEquals("""
                VISIT propose 86400 RUSHED
                VISIT qualify 86400 RUSHED
                SKIPPED discover 0 SKIPPED
                VISIT propose 0 OPEN
                """, summary(positions, Instant.parse("2026-01-03T00:00:00Z")));
    }

    @Test
    void lostSkipsNothingWonSkipsOpenStagesAndReopeningSkipsNothing() {
        List<Position> positions = VisitDeriver.derive(STD, List.of(
                event("a", "2026-01-01T00:00:00Z", "qualify"),
                event("b", "2026-01-02T00:00:00Z", "lost"),
                event("c", "2026-01-03T00:00:00Z", "negotiate"),
                event("d", "2026-01-04T00:00:00Z", "won")));
        assertEquals("""
                VISIT qualify 86400 RUSHED
                CLOSED lost
                VISIT negotiate 86400 RUSHED
                CLOSED won
                """, summary(positions, Instant.parse("2026-02-01T00:00:00Z")));
        List<Position> jump = VisitDeriver.derive(STD, List.of(
                event("a", "2026-01-01T00:00:00Z", "discover"),
                event("b", "2026-01-02T00:00:00Z", "won")));
        assertEquals("""
                VISIT discover 86400 RUSHED
                SKIPPED propose 0 SKIPPED
                SKIPPED negotiate 0 SKIPPED
                CLOSED won
                """, summary(jump, Instant.parse("2026-02-01T00:00:00Z")));
    }

    @Test
    void overrideUsesAttributesKnownAfterTheEnteringEvent() {
        List<Position> positions = VisitDeriver.derive(STD, List.of(
                event("a", "2026-01-01T00:00:00Z", "qualify", "ana", Map.of()),
                event("b", "2026-01-02T00:00:00Z", "propose", "ana", Map.of("region", "south"))));
        assertEquals(864000, positions.get(2).rules().standardSeconds());
        assertEquals(3 * 864000, positions.get(2).rules().frozenAfterSeconds());
        assertEquals(864000, positions.get(1).rules().standardSeconds()); // skipped discover: stage standard
    }

    @Test
    void bandsCompareInExactDecimals() {
        Pipeline tight = PipelineParser.parse("t", new PipelineDocument("t", List.of(
                new StageDocument("s", null, null, "P1D", new java.math.BigDecimal("0.55"), null, null),
                new StageDocument("next", null, null, "P1D", null, null, null)), List.of(), null, null));
        // 0.55 × 86400 = 47520 exactly: 47520 s is not rushed, 47519 s is
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(VisitStatus.ON_TRACK, VisitDeriver.derive(tight, List.of(
                event("a", start.toString(), "s"), event("b", start.plusSeconds(47520).toString(), "next")))
                .get(0).status(start.plusSeconds(99999)));
        assertEquals(VisitStatus.RUSHED, VisitDeriver.derive(tight, List.of(
                event("a", start.toString(), "s"), event("b", start.plusSeconds(47519).toString(), "next")))
                .get(0).status(start.plusSeconds(99999)));
    }

    @Test
    void durationsTruncateEachInstantToTheSecond() {
        List<Position> positions = VisitDeriver.derive(STD, List.of(
                event("a", "2026-01-01T00:00:00.900Z", "qualify"),
                event("b", "2026-01-01T00:00:01.100Z", "discover")));
        assertEquals(1, positions.get(0).actualSeconds(Instant.parse("2026-02-01T00:00:00Z")));
    }

    @Test
    void handoffToNurturingClosesVisitAndReturnStartsFreshVisit() {
        List<Step> steps = new ArrayList<>(List.of(
                event("a", "2026-01-01T00:00:00Z", "discover"),
                new Step.Handoff(1, Instant.parse("2026-01-21T00:00:00Z"), HandoffDirection.TO_NURTURING, null, null),
                new Step.Handoff(2, Instant.parse("2026-03-01T00:00:00Z"), HandoffDirection.TO_SALES, "negotiate", "bob")));
        List<Position> positions = VisitDeriver.derive(STD, steps);
        assertEquals("""
                VISIT discover 1728000 SLOW
                NURTURING discover
                VISIT negotiate 86400 OPEN
                """, summary(positions, Instant.parse("2026-03-02T00:00:00Z")));
        assertEquals("bob", positions.get(2).ownerId());
        assertNull(positions.get(1).ownerId());
    }

    @Test
    void invalidHandoffHasNoEffect() {
        List<Position> positions = VisitDeriver.derive(STD, List.of(
                event("a", "2026-01-01T00:00:00Z", "won"),
                new Step.Handoff(1, Instant.parse("2026-01-02T00:00:00Z"), HandoffDirection.TO_NURTURING, null, null)));
        assertEquals(1, positions.size());
    }
}
