package io.pipelinehealth.identity;

import static io.pipelinehealth.identity.Keys.as;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two tenants with identical ids: every read and write stays in its tenant; across is a 404. */
@QuarkusTest
class TenantIsolationTest {

    @Test
    void identicalIdsInTwoTenantsDoNotInterfere() {
        String a = Keys.tenant(unique("ta"));
        String b = Keys.tenant(unique("tb"));
        for (String admin : List.of(a, b)) {
            as(admin).contentType(ContentType.JSON).body(standardPipeline(List.of())).put("/api/v1/pipelines/std")
                    .then().statusCode(201);
        }
        // the same event ids, opportunity ids and owner ids in both, with different histories
        as(a).contentType(ContentType.JSON).body(history("deal-1", "std", "ana", "qualify", "2026-01-01T00:00:00Z",
                "discover", "2026-01-03T00:00:00Z")).post("/api/v1/transitions").then().statusCode(200)
                .body("stored", equalTo(2));
        as(b).contentType(ContentType.JSON).body(history("deal-1", "std", "ana", "qualify", "2026-01-01T00:00:00Z"))
                .post("/api/v1/transitions").then().statusCode(200).body("stored", equalTo(1));
        as(b).contentType(ContentType.JSON).body(history("deal-2", "std", "ana", "qualify", "2026-01-01T00:00:00Z"))
                .post("/api/v1/transitions").then().statusCode(200);

        as(a).get("/api/v1/opportunities/deal-1").then().statusCode(200).body("currentStage", equalTo("discover"));
        as(b).get("/api/v1/opportunities/deal-1").then().statusCode(200).body("currentStage", equalTo("qualify"));
        as(a).get("/api/v1/opportunities/deal-2").then().statusCode(404).contentType("application/problem+json");
        as(a).get("/api/v1/opportunities?pipelineId=std").then().statusCode(200)
                .body("items.opportunityId", equalTo(List.of("deal-1")));
        as(b).get("/api/v1/opportunities?pipelineId=std").then().statusCode(200)
                .body("items.opportunityId", equalTo(List.of("deal-1", "deal-2")));
        as(a).get("/api/v1/pipelines").then().body("items.id", equalTo(List.of("std")));

        // a write in one tenant leaves the other's identical ids alone
        as(b).contentType(ContentType.JSON).body(Map.of("direction", "TO_NURTURING", "reason", "later"))
                .post("/api/v1/opportunities/deal-1/handoffs").then().statusCode(201);
        as(b).get("/api/v1/opportunities/deal-1").then().body("state", equalTo("NURTURING"));
        as(a).get("/api/v1/opportunities/deal-1").then().body("state", equalTo("OPEN"))
                .body("handoffs", equalTo(List.of()));
        as(a).get("/api/v1/handoffs").then().body("items", equalTo(List.of()));
        as(a).contentType(ContentType.JSON).body(Map.of("direction", "TO_NURTURING", "reason", "x"))
                .post("/api/v1/opportunities/deal-2/handoffs").then().statusCode(404);

        String hook = as(b).contentType(ContentType.JSON)
                .body(Map.of("url", "https://example.com/hook", "events", List.of("opportunity.frozen")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        as(a).get("/api/v1/webhooks/{id}", hook).then().statusCode(404);
        as(a).delete("/api/v1/webhooks/{id}", hook).then().statusCode(404);
        as(b).get("/api/v1/webhooks/{id}", hook).then().statusCode(200);
        as(a).get("/api/v1/reps/ana/profile?pipelineId=std").then().statusCode(200);
        as(a).get("/api/v1/audit").then().body("items.action", equalTo(List.of("pipeline.create", "key.create",
                "tenant.create")));
    }
}
