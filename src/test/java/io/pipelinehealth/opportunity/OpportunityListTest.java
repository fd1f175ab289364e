package io.pipelinehealth.opportunity;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/opportunities: where many opportunities stand (rule 10: current owner). */
@QuarkusTest
class OpportunityListTest {

    private static JsonPath page(String pipeline, String asOf, String... filters) {
        var request = given().queryParam("pipelineId", pipeline);
        if (asOf != null) {
            request.queryParam("asOf", asOf);
        }
        for (int i = 0; i < filters.length; i += 2) {
            request.queryParam(filters[i], filters[i + 1]);
        }
        return request.get("/api/v1/opportunities").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsWhereEachOpportunityStandsWithItsCurrentOwner() {
        String pipeline = createStandardPipeline();
        String stuck = "a-" + unique("o");
        String handedOver = "b-" + unique("o");
        String won = "c-" + unique("o");
        post(history(stuck, pipeline, "ana", "negotiate", "2026-01-01T00:00:00Z")).statusCode(200);
        post(List.of(
                event(handedOver + "-1", handedOver, pipeline, "qualify", "2026-01-10T00:00:00Z", "ana"),
                event(handedOver + "-2", handedOver, pipeline, "qualify", "2026-01-15T00:00:00Z", "bob"))).statusCode(200);
        post(history(won, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z", "won", "2026-01-02T00:00:00Z"))
                .statusCode(200);

        JsonPath all = page(pipeline, "2026-01-20T00:00:00Z");
        assertEquals(List.of(stuck, handedOver, won), all.getList("items.opportunityId"));
        assertEquals(List.of("ana", "bob", "ana"), all.getList("items.ownerId"));
        assertEquals(List.of("OPEN", "OPEN", "WON"), all.getList("items.state"));
        assertEquals(List.of(true, false, false), all.getList("items.frozen"));
        assertEquals(19 * 86_400, all.getInt("items[0].elapsedSeconds"));
        assertEquals(14 * 86_400, all.getInt("items[0].deviationSeconds"));
        org.junit.jupiter.api.Assertions.assertNull(all.get("items[2].standardSeconds"));

        // before bob's event, ana was the current owner of the second deal
        JsonPath earlier = page(pipeline, "2026-01-12T00:00:00Z", "ownerId", "ana");
        assertEquals(List.of(stuck, handedOver, won), earlier.getList("items.opportunityId"));
        assertEquals(List.of(handedOver), page(pipeline, "2026-01-20T00:00:00Z", "ownerId", "bob").getList("items.opportunityId"));
        assertEquals(List.of(stuck), page(pipeline, "2026-01-20T00:00:00Z", "status", "FROZEN").getList("items.opportunityId"));
        assertEquals(List.of(handedOver), page(pipeline, "2026-01-20T00:00:00Z", "status", "OPEN").getList("items.opportunityId"));
        assertEquals(List.of(handedOver), page(pipeline, "2026-01-20T00:00:00Z", "stage", "qualify").getList("items.opportunityId"));
        given().queryParam("status", "SLOW").get("/api/v1/opportunities").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void cursorPinsAsOfAndIsStableUnderConcurrentInserts() {
        String pipeline = createStandardPipeline();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String o = "m" + i + "-" + unique("o");
            created.add(o);
            post(history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        }
        JsonPath first = page(pipeline, "2026-01-02T00:00:00Z", "limit", "2");
        assertEquals(created.subList(0, 2), first.getList("items.opportunityId"));
        // inserts before and after the cursor position, and a later move of a listed deal
        post(history("a0-" + unique("o"), pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        post(history("z9-" + unique("o"), pipeline, "ana", "qualify", "2026-01-03T00:00:00Z")).statusCode(200);
        post(List.of(event(created.get(3) + "-late", created.get(3), pipeline, "discover", "2026-01-04T00:00:00Z", "ana")))
                .statusCode(200);
        List<String> rest = new ArrayList<>();
        String cursor = first.getString("nextCursor");
        while (cursor != null) {
            JsonPath next = given().queryParam("pipelineId", pipeline).queryParam("cursor", cursor)
                    .queryParam("limit", 2).get("/api/v1/opportunities").then().statusCode(200).extract().jsonPath();
            rest.addAll(next.getList("items.opportunityId"));
            assertEquals(List.of("qualify"), next.getList("items.currentStage").stream().distinct().toList());
            cursor = next.getString("nextCursor");
        }
        assertEquals(created.subList(2, 5), rest);
    }

    @Test
    void emptyListIsAnEmptyPage() {
        String pipeline = createStandardPipeline();
        given().queryParam("pipelineId", pipeline).get("/api/v1/opportunities").then().statusCode(200)
                .body("items", org.hamcrest.Matchers.empty()).body("nextCursor", nullValue());
    }
}
