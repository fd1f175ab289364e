package io.pipelinehealth.handoff;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.handoff;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rule 12 on figures: nurturing time belongs to no stage and no rep. */
@QuarkusTest
class HandoffFiguresTest {

    static final int DAY = 86_400;

    @Test
    void handoffClosesTheOpenVisitAtHClassifiedByRule8() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z", "propose", "2026-01-02T00:00:00Z"))
                .statusCode(200);
        handoff(o, "TO_NURTURING", "2026-01-06T00:00:00Z").statusCode(201);
        // propose: 4 days against 7 (not below 3.5): ON_TRACK, and nothing accrues while nurturing
        opportunity(o, "2026-03-01T00:00:00Z").statusCode(200)
                .body("state", equalTo("NURTURING"))
                .body("frozen", equalTo(false))
                .body("visits.stage", contains("qualify", "discover", "propose"))
                .body("visits.status", contains("RUSHED", "SKIPPED", "ON_TRACK"))
                .body("visits[2].leftAt", equalTo("2026-01-06T00:00:00Z"))
                .body("visits[2].actualSeconds", equalTo(4 * DAY))
                .body("stages.cumulativeSeconds", contains(DAY, 0, 4 * DAY));
    }

    @Test
    void shortStayBeforeHandoffIsRushed() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana", "propose", "2026-01-01T00:00:00Z")).statusCode(200);
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        opportunity(o, "2026-02-01T00:00:00Z").statusCode(200).body("visits.status", contains("RUSHED"));
    }

    @Test
    void toSalesStartsANewVisitAtRAndSkipsNothing() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        handoff(o, "TO_NURTURING", "2026-01-03T00:00:00Z").statusCode(201);
        handoff(o, "TO_SALES", "2026-02-01T00:00:00Z", "stage", "negotiate", "ownerId", "bob").statusCode(201);
        opportunity(o, "2026-02-03T00:00:00Z").statusCode(200)
                .body("state", equalTo("OPEN"))
                .body("ownerId", equalTo("bob"))
                .body("visits.stage", contains("qualify", "negotiate"))
                .body("visits.ownerId", contains("ana", "bob"))
                .body("visits.enteredAt", contains("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"))
                .body("visits.status", contains("RUSHED", "OPEN"))
                .body("visits[1].actualSeconds", equalTo(2 * DAY))
                .body("stages.stage", contains("qualify", "negotiate"))
                .body("stages.cumulativeSeconds", contains(2 * DAY, 2 * DAY));
        // re-qualified at the same stage: a second visit of it, cumulative time excludes nurturing
        handoff(o, "TO_NURTURING", "2026-02-04T00:00:00Z").statusCode(201);
        handoff(o, "TO_SALES", "2026-03-01T00:00:00Z", "stage", "negotiate", "ownerId", "bob").statusCode(201);
        opportunity(o, "2026-03-02T00:00:00Z").statusCode(200)
                .body("stages.visits", contains(1, 2))
                .body("stages.cumulativeSeconds", contains(2 * DAY, 4 * DAY));
    }

    @Test
    void crmStageEventWhileNurturingStartsAVisitAtThatEvent() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        post(List.of(event(o + "-n", o, pipeline, "negotiate", "2026-01-20T00:00:00Z", "carol"))).statusCode(200);
        opportunity(o, "2026-01-21T00:00:00Z").statusCode(200)
                .body("visits.stage", contains("qualify", "negotiate"))
                .body("visits.enteredAt", contains("2026-01-01T00:00:00Z", "2026-01-20T00:00:00Z"))
                .body("visits.ownerId", contains("ana", "carol"));
    }

    @Test
    void lostWhileNurturingAddsNoVisit() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        post(List.of(event(o + "-l", o, pipeline, "lost", "2026-01-20T00:00:00Z", "ana"))).statusCode(200);
        opportunity(o, "2026-01-21T00:00:00Z").statusCode(200)
                .body("state", equalTo("LOST"))
                .body("visits.stage", contains("qualify"))
                .body("visits[0].leftAt", equalTo("2026-01-02T00:00:00Z"));
    }

    @Test
    void disqualifyClosesTheOpenVisit() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana", "negotiate", "2026-01-01T00:00:00Z")).statusCode(200);
        handoff(o, "DISQUALIFY", "2026-01-09T00:00:00Z").statusCode(201);
        // 8 days against 5 (above 7.5): SLOW, and no longer frozen however late asOf is
        opportunity(o, "2026-06-01T00:00:00Z").statusCode(200)
                .body("state", equalTo("DISQUALIFIED"))
                .body("frozen", equalTo(false))
                .body("visits.status", contains("SLOW"))
                .body("visits[0].actualSeconds", equalTo(8 * DAY));
    }

    @Test
    void backdatedHandoffThenALaterEventHandsBackImplicitly() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z", "discover", "2026-01-10T00:00:00Z"))
                .statusCode(200);
        handoff(o, "TO_NURTURING", "2026-01-05T00:00:00Z").statusCode(201);
        opportunity(o, "2026-01-11T00:00:00Z").statusCode(200)
                .body("state", equalTo("OPEN"))
                .body("visits.stage", contains("qualify", "discover"))
                .body("visits.leftAt", contains("2026-01-05T00:00:00Z", null));
    }
}
