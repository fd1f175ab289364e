package io.pipelinehealth.handoff;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.handoff;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.pipelinehealth.common.MutableTestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every transition of the hand-off state machine (DOMAIN rule 12), valid and refused. */
@QuarkusTest
class HandoffStateMachineTest {

    @Inject
    MutableTestClock clock;

    private static String openDeal(String pipeline) {
        String o = unique("o");
        post(history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        return o;
    }

    @Test
    void openDealGoesToNurturingWithLocationAndTheHandoff() {
        String pipeline = createStandardPipeline();
        String o = openDeal(pipeline);
        String location = handoff(o, "TO_NURTURING", "2026-01-03T00:00:00+01:00", "reason", "no budget until Q3")
                .statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/handoffs/\\d+"))
                .body("opportunityId", equalTo(o))
                .body("pipelineId", equalTo(pipeline))
                .body("direction", equalTo("TO_NURTURING"))
                .body("at", equalTo("2026-01-02T23:00:00Z"))
                .body("reason", equalTo("no budget until Q3"))
                .body("by", equalTo("bootstrap")) // the key's name; the body's "by" is ignored
                .body("stage", nullValue())
                .body("automatic", equalTo(false))
                .extract().header("Location");
        given().get(location).then().statusCode(200).body("opportunityId", equalTo(o));
        opportunity(o, "2026-01-10T00:00:00Z").statusCode(200)
                .body("state", equalTo("NURTURING"))
                .body("frozen", equalTo(false))
                .body("handoffs", hasSize(1))
                .body("handoffs[0].direction", equalTo("TO_NURTURING"))
                .body("handoffs[0].at", equalTo("2026-01-02T23:00:00Z"))
                .body("handoffs[0].reason", equalTo("no budget until Q3"))
                .body("handoffs[0].by", equalTo("bootstrap"))
                .body("handoffs[0].automatic", equalTo(false));
        opportunity(o, "2026-01-02T00:00:00Z").statusCode(200)
                .body("state", equalTo("OPEN"))
                .body("handoffs", hasSize(0));
    }

    @Test
    void nurturedDealGoesBackToSalesAtTheGivenStageAndOwner() {
        String pipeline = createStandardPipeline();
        String o = openDeal(pipeline);
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        handoff(o, "TO_SALES", "2026-01-20T00:00:00Z", "stage", "propose", "ownerId", "bob")
                .statusCode(201).body("stage", equalTo("propose")).body("ownerId", equalTo("bob"));
        opportunity(o, "2026-01-21T00:00:00Z").statusCode(200)
                .body("state", equalTo("OPEN"))
                .body("currentStage", equalTo("propose"))
                .body("ownerId", equalTo("bob"))
                .body("handoffs.direction", equalTo(List.of("TO_NURTURING", "TO_SALES")));
    }

    @Test
    void openOrNurturedDealCanBeDisqualifiedAndThenNothingElse() {
        String pipeline = createStandardPipeline();
        String open = openDeal(pipeline);
        handoff(open, "DISQUALIFY", "2026-01-02T00:00:00Z", "reason", "not a real buyer").statusCode(201);
        opportunity(open, "2026-01-05T00:00:00Z").statusCode(200).body("state", equalTo("DISQUALIFIED"));

        String nurtured = openDeal(pipeline);
        handoff(nurtured, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        handoff(nurtured, "DISQUALIFY", "2026-01-03T00:00:00Z").statusCode(201);
        opportunity(nurtured, "2026-01-05T00:00:00Z").statusCode(200).body("state", equalTo("DISQUALIFIED"));

        for (String direction : List.of("TO_NURTURING", "TO_SALES", "DISQUALIFY")) {
            handoff(open, direction, "2026-01-04T00:00:00Z", "stage", direction.equals("TO_SALES") ? "qualify" : null,
                    "ownerId", direction.equals("TO_SALES") ? "bob" : null)
                    .statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("is DISQUALIFIED at 2026-01-04T00:00:00Z"));
        }
    }

    @Test
    void invalidMovesAre409sThatSayWhy() {
        String pipeline = createStandardPipeline();
        String won = unique("o");
        post(history(won, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z", "won", "2026-01-02T00:00:00Z"))
                .statusCode(200);
        handoff(won, "TO_NURTURING", "2026-01-03T00:00:00Z").statusCode(409)
                .body("type", containsString("invalid-handoff-state"))
                .body("detail", equalTo("opportunity '" + won + "' is WON at 2026-01-03T00:00:00Z; "
                        + "only an open deal (at a stage) can be handed to nurturing"));
        handoff(won, "DISQUALIFY", "2026-01-03T00:00:00Z").statusCode(409).body("detail", containsString("is WON"));

        String lost = unique("o");
        post(history(lost, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z", "lost", "2026-01-02T00:00:00Z"))
                .statusCode(200);
        handoff(lost, "TO_NURTURING", "2026-01-03T00:00:00Z").statusCode(409).body("detail", containsString("is LOST"));

        String open = openDeal(pipeline);
        handoff(open, "TO_SALES", "2026-01-03T00:00:00Z", "stage", "qualify", "ownerId", "bob").statusCode(409)
                .body("detail", containsString("is OPEN (at stage qualify) at 2026-01-03T00:00:00Z; "
                        + "only a deal in nurturing can be handed back to sales"));
        // before its first event the deal did not exist
        handoff(open, "TO_NURTURING", "2025-12-31T00:00:00Z").statusCode(409)
                .body("detail", containsString("has no events at or before 2025-12-31T00:00:00Z"));

        handoff(open, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        handoff(open, "TO_NURTURING", "2026-01-03T00:00:00Z").statusCode(409)
                .body("detail", containsString("is NURTURING at 2026-01-03T00:00:00Z"));
        // the state is judged at the hand-off's instant, not now
        handoff(open, "TO_SALES", "2026-01-01T12:00:00Z", "stage", "qualify", "ownerId", "bob").statusCode(409)
                .body("detail", containsString("is OPEN"));
    }

    @Test
    void crmEventWhileNurturingHandsBackImplicitlyThenToSalesIsRefused() {
        String pipeline = createStandardPipeline();
        String o = openDeal(pipeline);
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        post(List.of(event(o + "-back", o, pipeline, "discover", "2026-01-10T00:00:00Z", "carol"))).statusCode(200);
        opportunity(o, "2026-01-11T00:00:00Z").statusCode(200)
                .body("state", equalTo("OPEN")).body("currentStage", equalTo("discover"))
                .body("ownerId", equalTo("carol"));
        handoff(o, "TO_SALES", "2026-01-11T00:00:00Z", "stage", "propose", "ownerId", "bob").statusCode(409)
                .body("detail", containsString("is OPEN (at stage discover)"));
        handoff(o, "TO_NURTURING", "2026-01-11T00:00:00Z").statusCode(201);
    }

    @Test
    void lostWhileNurturingClosesTheDeal() {
        String pipeline = createStandardPipeline();
        String o = openDeal(pipeline);
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        post(List.of(event(o + "-lost", o, pipeline, "lost", "2026-01-10T00:00:00Z", "ana"))).statusCode(200);
        opportunity(o, "2026-01-11T00:00:00Z").statusCode(200).body("state", equalTo("LOST"));
        handoff(o, "TO_SALES", "2026-01-11T00:00:00Z", "stage", "qualify", "ownerId", "bob").statusCode(409)
                .body("detail", containsString("is LOST"));
    }

    @Test
    void stageEventAfterDisqualificationStartsANewVisit() {
        String pipeline = createStandardPipeline();
        String o = openDeal(pipeline);
        handoff(o, "DISQUALIFY", "2026-01-02T00:00:00Z").statusCode(201);
        post(List.of(event(o + "-again", o, pipeline, "propose", "2026-01-05T00:00:00Z", "ana"))).statusCode(200);
        opportunity(o, "2026-01-06T00:00:00Z").statusCode(200)
                .body("state", equalTo("OPEN"))
                .body("visits.stage", equalTo(List.of("qualify", "propose")));
    }

    @Test
    void handoffMadeInvalidByALateCrmEventIsKeptButHasNoEffect() {
        String pipeline = createStandardPipeline();
        String o = openDeal(pipeline);
        handoff(o, "TO_NURTURING", "2026-01-05T00:00:00Z").statusCode(201);
        post(List.of(event(o + "-won", o, pipeline, "won", "2026-01-03T00:00:00Z", "ana"))).statusCode(200);
        opportunity(o, "2026-01-10T00:00:00Z").statusCode(200)
                .body("state", equalTo("WON"))
                .body("handoffs", hasSize(1));
    }

    @Test
    void atDefaultsToTheClockAndMayNotBeMoreThanADayAhead() {
        String pipeline = createStandardPipeline();
        String o = openDeal(pipeline);
        clock.set(Instant.parse("2026-01-04T08:00:00.123456789Z"));
        handoff(o, "TO_NURTURING", null).statusCode(201).body("at", equalTo("2026-01-04T08:00:00.123456Z"));
        handoff(o, "TO_SALES", "2026-01-05T08:00:01Z", "stage", "qualify", "ownerId", "bob").statusCode(422)
                .body("errors.field", equalTo(List.of("at")))
                .body("errors[0].message", containsString("more than a day ahead"));
        handoff(o, "TO_SALES", "2026-01-05T08:00:00Z", "stage", "qualify", "ownerId", "bob").statusCode(201);
    }

    @Test
    void invalidRequestsName422FieldsAndUnknownOpportunityIs404() {
        String pipeline = createStandardPipeline();
        String o = openDeal(pipeline);
        handoff(o, "SIDEWAYS", "2026-01-02T00:00:00Z").statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("direction")));
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00", "reason", "", "by", null).statusCode(422)
                .body("errors.field", equalTo(List.of("at", "reason")));
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z", "reason", "x".repeat(1025)).statusCode(422)
                .body("errors.field", equalTo(List.of("reason")));
        handoff(o, "TO_SALES", "2026-01-02T00:00:00Z").statusCode(422)
                .body("errors.field", hasItems("stage", "ownerId"));
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z", "stage", "qualify").statusCode(422)
                .body("errors.field", equalTo(List.of("stage")));
        handoff(o, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        handoff(o, "TO_SALES", "2026-01-03T00:00:00Z", "stage", "won", "ownerId", "bob").statusCode(422)
                .body("errors[0].message", containsString("not an open stage"));
        handoff(o, "TO_SALES", "2026-01-03T00:00:00Z", "stage", "nowhere", "ownerId", "bob").statusCode(422);
        handoff(unique("ghost"), "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("{\"direction\":")
                .post("/api/v1/opportunities/{id}/handoffs", o).then().statusCode(400);
    }

    @Test
    void opportunityListShowsNurturedAndDisqualifiedDeals() {
        String pipeline = createStandardPipeline();
        String a = "a-" + unique("o");
        String b = "b-" + unique("o");
        post(history(a, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        post(history(b, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        handoff(a, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        handoff(b, "DISQUALIFY", "2026-01-02T00:00:00Z").statusCode(201);
        given().queryParam("pipelineId", pipeline).queryParam("asOf", "2026-01-03T00:00:00Z")
                .get("/api/v1/opportunities").then().statusCode(200)
                .body("items.findAll { it.opportunityId.startsWith('a-') || it.opportunityId.startsWith('b-') }.state",
                        equalTo(List.of("NURTURING", "DISQUALIFIED")))
                .body("items.findAll { it.opportunityId.startsWith('a-') }.frozen", equalTo(List.of(false)));
    }
}
