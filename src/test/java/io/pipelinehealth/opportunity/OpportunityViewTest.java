package io.pipelinehealth.opportunity;

import static io.pipelinehealth.support.Fixtures.createPipeline;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** DOMAIN rules 3 to 10, 13 and 14 through GET /api/v1/opportunities/{id}. */
@QuarkusTest
class OpportunityViewTest {

    static final long DAY = 86_400;

    @Test
    void workedExampleGivesExactlyItsFigures() {
        String pipeline = createStandardPipeline();
        String o1 = unique("o1");
        post(history(o1, pipeline, "ana",
                "qualify", "2026-01-01T00:00:00Z",
                "propose", "2026-01-02T00:00:00Z",
                "negotiate", "2026-01-20T00:00:00Z")).statusCode(200).body("stored", equalTo(3));

        opportunity(o1, "2026-02-10T00:00:00Z").statusCode(200)
                .body("pipelineId", equalTo(pipeline))
                .body("ownerId", equalTo("ana"))
                .body("currentStage", equalTo("negotiate"))
                .body("state", equalTo("OPEN"))
                .body("frozen", equalTo(true))
                .body("asOf", equalTo("2026-02-10T00:00:00Z"))
                .body("visits.stage", contains("qualify", "discover", "propose", "negotiate"))
                .body("visits.status", contains("RUSHED", "SKIPPED", "SLOW", "FROZEN"))
                .body("visits.actualSeconds", contains((int) DAY, 0, (int) (18 * DAY), (int) (21 * DAY)))
                .body("visits.standardSeconds", contains((int) (5 * DAY), (int) (10 * DAY), (int) (7 * DAY), (int) (5 * DAY)))
                .body("visits.deviationSeconds", contains((int) (-4 * DAY), (int) (-10 * DAY), (int) (11 * DAY), (int) (16 * DAY)))
                .body("visits.enteredAt", contains("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z",
                        "2026-01-02T00:00:00Z", "2026-01-20T00:00:00Z"))
                .body("visits.leftAt", contains("2026-01-02T00:00:00Z", "2026-01-02T00:00:00Z",
                        "2026-01-20T00:00:00Z", null))
                .body("visits.ownerId", contains("ana", "ana", "ana", "ana"))
                .body("stages.stage", contains("qualify", "discover", "propose", "negotiate"))
                .body("stages.visits", contains(1, 1, 1, 1))
                .body("stages.cumulativeSeconds", contains((int) DAY, 0, (int) (18 * DAY), (int) (21 * DAY)))
                .body("stages.deviationSeconds", contains((int) (-4 * DAY), (int) (-10 * DAY), (int) (11 * DAY), (int) (16 * DAY)));
    }

    @Test
    void asOfCountsOnlyEarlierEventsAndOpenVisitsLastUntilAsOf() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana",
                "qualify", "2026-01-01T00:00:00Z",
                "propose", "2026-01-02T00:00:00Z")).statusCode(200);
        opportunity(o, "2026-01-01T12:00:00Z").statusCode(200)
                .body("visits", hasSize(1))
                .body("visits[0].status", equalTo("OPEN"))
                .body("visits[0].leftAt", nullValue())
                .body("visits[0].actualSeconds", equalTo(43_200));
        opportunity(o, "2025-12-31T23:59:59Z").statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void sameStageAgainKeepsTheVisitAndItsOwnerButChangesTheCurrentOwner() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(List.of(
                event(o + "-1", o, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(o + "-2", o, pipeline, "qualify", "2026-01-03T00:00:00Z", "bob"),
                event(o + "-3", o, pipeline, "discover", "2026-01-04T00:00:00Z", "bob"))).statusCode(200);
        opportunity(o, "2026-01-05T00:00:00Z").statusCode(200)
                .body("ownerId", equalTo("bob"))
                .body("visits.stage", contains("qualify", "discover"))
                .body("visits.ownerId", contains("ana", "bob"))
                .body("visits[0].actualSeconds", equalTo((int) (3 * DAY)));
    }

    @Test
    void reentryStartsANewVisitAndStagesShowCumulativeTime() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana",
                "qualify", "2026-01-01T00:00:00Z",
                "discover", "2026-01-03T00:00:00Z",
                "qualify", "2026-01-04T00:00:00Z",
                "discover", "2026-01-05T00:00:00Z")).statusCode(200);
        opportunity(o, "2026-01-06T00:00:00Z").statusCode(200)
                .body("visits.stage", contains("qualify", "discover", "qualify", "discover"))
                .body("stages.stage", contains("qualify", "discover"))
                .body("stages.visits", contains(2, 2))
                .body("stages.cumulativeSeconds", contains((int) (3 * DAY), (int) (2 * DAY)))
                .body("stages.deviationSeconds", contains((int) (3 * DAY - 5 * DAY), (int) (2 * DAY - 10 * DAY)));
    }

    @Test
    void skippedStagesBelongToTheOwnerOfTheJumpAndOnlyForwardToOpenOrWon() {
        String pipeline = createStandardPipeline();
        String forward = unique("o");
        post(List.of(
                event(forward + "-1", forward, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(forward + "-2", forward, pipeline, "won", "2026-01-02T00:00:00Z", "bob"))).statusCode(200);
        opportunity(forward, "2026-01-03T00:00:00Z").statusCode(200)
                .body("state", equalTo("WON"))
                .body("currentStage", equalTo("won"))
                .body("visits.stage", contains("qualify", "discover", "propose", "negotiate"))
                .body("visits.status", contains("RUSHED", "SKIPPED", "SKIPPED", "SKIPPED"))
                .body("visits.ownerId", contains("ana", "bob", "bob", "bob"));

        String lost = unique("o");
        post(history(lost, pipeline, "ana",
                "qualify", "2026-01-01T00:00:00Z",
                "lost", "2026-01-02T00:00:00Z")).statusCode(200);
        opportunity(lost, "2026-01-03T00:00:00Z").statusCode(200)
                .body("state", equalTo("LOST")).body("visits.stage", contains("qualify"));

        String midway = unique("o");
        post(history(midway, pipeline, "ana", "propose", "2026-01-01T00:00:00Z")).statusCode(200);
        opportunity(midway, "2026-01-03T00:00:00Z").statusCode(200).body("visits.stage", contains("propose"));
    }

    @Test
    void terminalStagesCloseAndALaterOpenStageReopensWithoutSkipping() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana",
                "discover", "2026-01-01T00:00:00Z",
                "lost", "2026-01-05T00:00:00Z",
                "negotiate", "2026-01-10T00:00:00Z")).statusCode(200);
        opportunity(o, "2026-01-06T00:00:00Z").statusCode(200)
                .body("state", equalTo("LOST")).body("frozen", equalTo(false)).body("visits", hasSize(1));
        opportunity(o, "2026-01-11T00:00:00Z").statusCode(200)
                .body("state", equalTo("OPEN"))
                .body("visits.stage", contains("discover", "negotiate"))
                .body("visits.status", contains("RUSHED", "OPEN"));
    }

    @Test
    void overrideWithMostMatchingPairsWinsAndFirstDeclaredOnATie() {
        String pipeline = createPipeline(standardPipeline(List.of(
                Map.of("when", Map.of("region", "south"), "stage", "propose", "standard", "P10D"),
                Map.of("when", Map.of("segment", "smb"), "stage", "propose", "standard", "P2D"),
                Map.of("when", Map.of("region", "south", "segment", "enterprise"), "stage", "propose",
                        "standard", "P4D", "frozenAfter", "P6D"))));
        String both = unique("o");
        String smb = unique("o");
        String tie = unique("o");
        post(List.of(
                with(event(both + "-1", both, pipeline, "propose", "2026-01-01T00:00:00Z", "ana"), "attributes",
                        Map.of("region", "south", "segment", "enterprise")),
                with(event(smb + "-1", smb, pipeline, "propose", "2026-01-01T00:00:00Z", "ana"), "attributes",
                        Map.of("segment", "smb")),
                with(event(tie + "-1", tie, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"), "attributes",
                        Map.of("segment", "smb")),
                with(event(tie + "-2", tie, pipeline, "propose", "2026-01-02T00:00:00Z", "ana"), "attributes",
                        Map.of("region", "south")))).statusCode(200);
        // two matching pairs beat one: P4D, frozen after 6 days, so FROZEN at 7 days
        opportunity(both, "2026-01-08T00:00:00Z").statusCode(200)
                .body("visits[0].standardSeconds", equalTo((int) (4 * DAY)))
                .body("visits[0].status", equalTo("FROZEN"));
        // no frozenAfter on the override or stage: three times the overridden standard (6 days)
        opportunity(smb, "2026-01-07T00:00:00Z").statusCode(200)
                .body("visits[0].standardSeconds", equalTo((int) (2 * DAY)))
                .body("visits[0].status", equalTo("OPEN"));
        opportunity(smb, "2026-01-07T00:00:01Z").statusCode(200).body("visits[0].status", equalTo("FROZEN"));
        // attributes accumulate key by key (segment from the first event, region from the second);
        // both one-pair overrides then match and the first declared wins
        opportunity(tie, "2026-01-03T00:00:00Z").statusCode(200)
                .body("visits[2].stage", equalTo("propose"))
                .body("visits[2].standardSeconds", equalTo((int) (10 * DAY)))
                .body("attributes.segment", equalTo("smb"))
                .body("attributes.region", equalTo("south"));
    }

    @Test
    void statusBandsAreExactAndFrozenStartsAfterFrozenAfter() {
        Map<String, Object> body = Map.of("stages", List.of(
                Map.of("key", "s", "standard", "P1D", "rushedBelow", 0.55, "slowAbove", 1.25, "frozenAfter", "P2D"),
                Map.of("key", "t", "standard", "P1D")));
        String pipeline = createPipeline(body);
        String exact = unique("o");
        String under = unique("o");
        String slow = unique("o");
        post(List.of(
                event(exact + "-1", exact, pipeline, "s", "2026-01-01T00:00:00Z", "ana"),
                event(exact + "-2", exact, pipeline, "t", "2026-01-01T13:12:00Z", "ana"),  // 47520 s
                event(under + "-1", under, pipeline, "s", "2026-01-01T00:00:00Z", "ana"),
                event(under + "-2", under, pipeline, "t", "2026-01-01T13:11:59Z", "ana"),  // 47519 s
                event(slow + "-1", slow, pipeline, "s", "2026-01-01T00:00:00Z", "ana"),
                event(slow + "-2", slow, pipeline, "t", "2026-01-02T06:00:01Z", "ana"))).statusCode(200);
        opportunity(exact, "2026-01-05T00:00:00Z").body("visits[0].status", equalTo("ON_TRACK"));
        opportunity(under, "2026-01-05T00:00:00Z").body("visits[0].status", equalTo("RUSHED"));
        opportunity(slow, "2026-01-05T00:00:00Z").body("visits[0].status", equalTo("SLOW"));

        String open = unique("o");
        post(history(open, pipeline, "ana", "s", "2026-01-01T00:00:00Z")).statusCode(200);
        opportunity(open, "2026-01-03T00:00:00Z").body("visits[0].status", equalTo("OPEN")).body("frozen", equalTo(false));
        opportunity(open, "2026-01-03T00:00:01Z").body("visits[0].status", equalTo("FROZEN")).body("frozen", equalTo(true));
    }

    @Test
    void durationsAreWholeSecondsWhateverTheOffsets() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(List.of(
                event(o + "-1", o, pipeline, "qualify", "2026-03-28T23:30:00.999+01:00", "ana"),
                event(o + "-2", o, pipeline, "discover", "2026-03-29T03:30:00.001+02:00", "ana"))).statusCode(200);
        // 22:30:00.999Z to 01:30:00.001Z: truncated, 3 hours across a DST change in Europe
        opportunity(o, "2026-04-01T00:00:00Z").statusCode(200)
                .body("visits[0].enteredAt", equalTo("2026-03-28T22:30:00.999Z"))
                .body("visits[0].actualSeconds", equalTo(3 * 3600));
    }
}
