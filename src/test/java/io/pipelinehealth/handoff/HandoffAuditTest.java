package io.pipelinehealth.handoff;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.handoff;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/handoffs: who handed what, when and why, paginated on (at, handoffId). */
@QuarkusTest
class HandoffAuditTest {

    private static JsonPath page(String pipeline, String... parameters) {
        var request = given().queryParam("pipelineId", pipeline);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.get("/api/v1/handoffs").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void auditTrailListsHandoffsByInstantWithFiltersAndPages() {
        String pipeline = createStandardPipeline();
        String a = unique("a");
        String b = unique("b");
        post(history(a, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        post(history(b, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        handoff(b, "TO_NURTURING", "2026-01-03T00:00:00Z", "by", "mia").statusCode(201); // by comes from the key
        handoff(a, "TO_NURTURING", "2026-01-02T00:00:00Z").statusCode(201);
        handoff(a, "TO_SALES", "2026-01-05T00:00:00Z", "stage", "propose", "ownerId", "bob").statusCode(201);
        handoff(b, "DISQUALIFY", "2026-01-06T00:00:00Z").statusCode(201);

        JsonPath all = page(pipeline);
        assertEquals(List.of(a, b, a, b), all.getList("items.opportunityId"));
        assertEquals(List.of("TO_NURTURING", "TO_NURTURING", "TO_SALES", "DISQUALIFY"), all.getList("items.direction"));
        assertEquals("bootstrap", all.getString("items[1].by"));
        assertNull(all.get("nextCursor"));

        assertEquals(List.of(a, b), page(pipeline, "direction", "TO_NURTURING").getList("items.opportunityId"));
        assertEquals(List.of("TO_NURTURING", "TO_SALES"), page(pipeline, "from", "2026-01-03T00:00:00Z",
                "to", "2026-01-06T00:00:00Z").getList("items.direction"));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath p = cursor == null ? page(pipeline, "limit", "3") : page(pipeline, "limit", "3", "cursor", cursor);
            paged.addAll(p.getList("items.direction"));
            cursor = p.getString("nextCursor");
        } while (cursor != null);
        assertEquals(all.getList("items.direction"), paged);

        given().queryParam("direction", "UP").get("/api/v1/handoffs").then().statusCode(400);
        given().queryParam("cursor", "nonsense").get("/api/v1/handoffs").then().statusCode(400);
        given().get("/api/v1/handoffs/999999999").then().statusCode(404);
    }
}
