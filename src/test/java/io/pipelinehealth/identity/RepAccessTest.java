package io.pipelinehealth.identity;

import static io.pipelinehealth.identity.Keys.as;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rep key sees its own profile and the deals its rep owns now, and nothing of the team. */
@QuarkusTest
class RepAccessTest {

    @Test
    void repSeesOnlyTheirOwnDealsAndProfile() {
        String admin = Keys.tenant(unique("reps"));
        as(admin).contentType(ContentType.JSON).body(standardPipeline(List.of())).put("/api/v1/pipelines/std")
                .then().statusCode(201);
        as(admin).contentType(ContentType.JSON).body(history("mine", "std", "ana", "qualify", "2020-01-01T00:00:00Z"))
                .post("/api/v1/transitions").then().statusCode(200);
        as(admin).contentType(ContentType.JSON).body(history("bobs", "std", "bob", "qualify", "2020-01-01T00:00:00Z"))
                .post("/api/v1/transitions").then().statusCode(200);
        // ana owned this one once; bob owns it now
        as(admin).contentType(ContentType.JSON).body(history("was-mine", "std", "ana", "qualify", "2020-01-01T00:00:00Z"))
                .post("/api/v1/transitions").then().statusCode(200);
        as(admin).contentType(ContentType.JSON).body(List.of(Map.of("eventId", "was-mine-e9", "opportunityId",
                "was-mine", "pipelineId", "std", "stage", "discover", "occurredAt", "2020-01-02T00:00:00Z",
                "ownerId", "bob"))).post("/api/v1/transitions").then().statusCode(200);
        String ana = Keys.create(admin, "Ana's phone", List.of("rep"), "ana");

        as(ana).get("/api/v1/opportunities?pipelineId=std").then().statusCode(200)
                .body("items.opportunityId", equalTo(List.of("mine")));
        as(ana).get("/api/v1/opportunities?ownerId=bob").then().statusCode(403).contentType("application/problem+json");
        as(ana).get("/api/v1/opportunities/mine").then().statusCode(200);
        as(ana).get("/api/v1/opportunities/bobs").then().statusCode(404);
        as(ana).get("/api/v1/opportunities/was-mine?asOf=2020-01-01T12:00:00Z").then().statusCode(404);
        as(ana).get("/api/v1/frozen").then().statusCode(200)
                .body("items.opportunityId", equalTo(List.of("mine")))
                .body("items.ownerId", everyItem(equalTo("ana")));
        as(admin).get("/api/v1/frozen").then().body("items.opportunityId", equalTo(List.of("bobs", "mine", "was-mine")));
        as(ana).get("/api/v1/reps/ana/profile?pipelineId=std").then().statusCode(200);
        as(ana).get("/api/v1/reps/bob/profile?pipelineId=std").then().statusCode(403);
        as(ana).get("/api/v1/analytics/reps/ana/trend?pipelineId=std").then().statusCode(200);
        as(ana).get("/api/v1/analytics/reps/bob/trend?pipelineId=std").then().statusCode(403)
                .contentType("application/problem+json");
        for (String team : List.of("reps", "stages", "standards")) {
            as(ana).get("/api/v1/analytics/" + team + "?pipelineId=std").then().statusCode(403);
        }
        as(ana).get("/api/v1/pipelines/std").then().statusCode(200);
        as(ana).get("/api/v1/handoffs").then().statusCode(403);

        as(ana).contentType(ContentType.JSON).body(Map.of("direction", "TO_NURTURING", "reason", "x"))
                .post("/api/v1/opportunities/bobs/handoffs").then().statusCode(404);
        as(ana).contentType(ContentType.JSON).body(Map.of("direction", "DISQUALIFY", "reason", "x"))
                .post("/api/v1/opportunities/mine/handoffs").then().statusCode(403);
        as(ana).contentType(ContentType.JSON).body(Map.of("direction", "TO_NURTURING", "reason", "no budget",
                "by", "someone-else")).post("/api/v1/opportunities/mine/handoffs").then().statusCode(201)
                .body("by", equalTo("ana"));
    }
}
