package io.pipelinehealth.frozen;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.handoff;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/frozen: open deals past frozenAfter (rule 9), most overdue first, current owner (rule 10). */
@QuarkusTest
class FrozenListTest {

    static final long DAY = 86_400;

    /** Ids of one test's deals; prefixes fix their id order. */
    record Deals(String pipeline, String a, String b, String c, String d, String e, String f) {
    }

    private static Deals deals() {
        String p = createStandardPipeline();
        String suffix = unique("");
        Deals deals = new Deals(p, "a" + suffix, "b" + suffix, "c" + suffix, "d" + suffix, "e" + suffix, "f" + suffix);
        post(List.of(
                with(with(with(event(deals.a + "-1", deals.a, p, "negotiate", "2026-01-01T00:00:00Z", "ana"),
                        "amount", 1000), "currency", "EUR"), "attributes", Map.of("region", "north")),
                with(with(event(deals.a + "-2", deals.a, p, "negotiate", "2026-02-01T00:00:00Z", "zoe"),
                        "amount", 5000), "attributes", Map.of("region", "south", "segment", "smb")),
                event(deals.b + "-1", deals.b, p, "qualify", "2026-01-10T00:00:00Z", "ana"),
                event(deals.c + "-1", deals.c, p, "propose", "2026-02-15T00:00:00Z", "ana"),
                event(deals.d + "-1", deals.d, p, "negotiate", "2026-01-01T00:00:00Z", "dan"),
                event(deals.e + "-1", deals.e, p, "negotiate", "2026-01-01T00:00:00Z", "bob")))
                .statusCode(200);
        post(history(deals.f, p, "ana", "qualify", "2026-01-01T00:00:00Z", "won", "2026-01-02T00:00:00Z"))
                .statusCode(200);
        handoff(deals.d, "TO_NURTURING", "2026-01-20T00:00:00Z").statusCode(201);
        return deals;
    }

    private static JsonPath page(String pipeline, String... parameters) {
        var request = given().queryParam("pipelineId", pipeline);
        for (int i = 0; i < parameters.length; i += 2) {
            request.queryParam(parameters[i], parameters[i + 1]);
        }
        return request.get("/api/v1/frozen").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void listsFrozenOpenDealsMostOverdueFirstWithCurrentOwnerAndSnapshot() {
        Deals d = deals();
        JsonPath all = page(d.pipeline, "asOf", "2026-03-01T00:00:00Z");
        assertEquals(List.of(d.a, d.e, d.b), all.getList("items.opportunityId"));
        assertEquals(List.of("zoe", "bob", "ana"), all.getList("items.ownerId"));
        assertEquals(List.of("negotiate", "negotiate", "qualify"), all.getList("items.stage"));
        assertEquals(59 * DAY, all.getLong("items[0].elapsedSeconds"));
        assertEquals(15 * DAY, all.getLong("items[0].frozenAfterSeconds"));
        assertEquals(44 * DAY, all.getLong("items[0].overdueSeconds"));
        assertEquals(35 * DAY, all.getLong("items[2].overdueSeconds"));
        assertEquals("2026-01-01T00:00:00Z", all.getString("items[0].enteredAt"));
        assertEquals(5000, all.getInt("items[0].amount"));
        assertEquals("EUR", all.getString("items[0].currency"));
        assertEquals(Map.of("region", "south", "segment", "smb"), all.getMap("items[0].attributes"));
        assertEquals(d.pipeline, all.getString("items[0].pipelineId"));
        assertNull(all.get("nextCursor"));
    }

    @Test
    void earlierAsOfUsesWhatWasKnownThenAndIncludesDealsHandedOffLater() {
        Deals d = deals();
        JsonPath then = page(d.pipeline, "asOf", "2026-01-19T00:00:00Z");
        assertEquals(List.of(d.a, d.d, d.e), then.getList("items.opportunityId"));
        assertEquals(List.of("ana", "dan", "bob"), then.getList("items.ownerId"));
        assertEquals(1000, then.getInt("items[0].amount"));
        assertEquals(Map.of("region", "north"), then.getMap("items[0].attributes"));
        assertEquals(3 * DAY, then.getLong("items[0].overdueSeconds"));
        // exactly at frozenAfter a visit is not frozen yet (rule 9: strictly after)
        assertEquals(List.of(), page(d.pipeline, "asOf", "2026-01-16T00:00:00Z").getList("items"));
        assertEquals(List.of(d.a, d.d, d.e), page(d.pipeline, "asOf", "2026-01-16T00:00:01Z").getList("items.opportunityId"));
    }

    @Test
    void filtersByOwnerStageAndPipeline() {
        Deals d = deals();
        String asOf = "2026-03-01T00:00:00Z";
        assertEquals(List.of(d.a), page(d.pipeline, "asOf", asOf, "ownerId", "zoe").getList("items.opportunityId"));
        assertEquals(List.of(), page(d.pipeline, "asOf", asOf, "ownerId", "dan").getList("items.opportunityId"));
        assertEquals(List.of(d.a), page(d.pipeline, "asOf", "2026-01-19T00:00:00Z", "ownerId", "ana")
                .getList("items.opportunityId"));
        assertEquals(List.of(d.b), page(d.pipeline, "asOf", asOf, "stage", "qualify").getList("items.opportunityId"));
        // Without pipelineId every pipeline is listed, other tests' too: walk all pages, keep this test's deals.
        List<String> everything = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("asOf", asOf).queryParam("limit", "1000");
            JsonPath page = (cursor == null ? request : request.queryParam("cursor", cursor))
                    .get("/api/v1/frozen").then().statusCode(200).extract().jsonPath();
            everything.addAll(page.getList("items.opportunityId"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of(d.a, d.e, d.b), everything.stream().filter(List.of(d.a, d.e, d.b)::contains).toList());
    }

    @Test
    void pagesPinAsOfAndFollowTheOrder() {
        Deals d = deals();
        List<String> ids = new ArrayList<>();
        JsonPath first = page(d.pipeline, "asOf", "2026-03-01T00:00:00Z", "limit", "2");
        ids.addAll(first.getList("items.opportunityId"));
        String cursor = first.getString("nextCursor");
        // the cursor pins asOf: a later asOf parameter does not change the next page
        JsonPath second = page(d.pipeline, "asOf", "2026-01-19T00:00:00Z", "limit", "2", "cursor", cursor);
        ids.addAll(second.getList("items.opportunityId"));
        assertNull(second.get("nextCursor"));
        assertEquals(List.of(d.a, d.e, d.b), ids);
        given().queryParam("cursor", "x").get("/api/v1/frozen").then().statusCode(400);
        given().queryParam("limit", "0").get("/api/v1/frozen").then().statusCode(400);
    }

    @Test
    void csvHasTheSameRowsWithAttributeColumns() {
        Deals d = deals();
        Response csv = given().accept("text/csv").queryParam("pipelineId", d.pipeline)
                .queryParam("asOf", "2026-03-01T00:00:00Z").queryParam("limit", "2").get("/api/v1/frozen");
        csv.then().statusCode(200).contentType("text/csv");
        List<String> lines = csv.asString().lines().toList();
        assertEquals("opportunityId,pipelineId,stage,ownerId,enteredAt,elapsedSeconds,frozenAfterSeconds,"
                + "overdueSeconds,timeBasis,amount,currency,attr.region,attr.segment", lines.get(0));
        assertEquals(d.a + "," + d.pipeline + ",negotiate,zoe,2026-01-01T00:00:00Z," + 59 * DAY + "," + 15 * DAY + ","
                + 44 * DAY + ",CALENDAR,5000,EUR,south,smb", lines.get(1));
        assertEquals(3, lines.size());
        String next = csv.header("X-Next-Cursor");
        Response rest = given().queryParam("format", "csv").queryParam("pipelineId", d.pipeline)
                .queryParam("cursor", next).get("/api/v1/frozen");
        rest.then().statusCode(200).contentType("text/csv");
        assertTrue(rest.asString().lines().toList().get(1).startsWith(d.b + ","));
        assertNull(rest.header("X-Next-Cursor"));
        given().queryParam("format", "xml").get("/api/v1/frozen").then().statusCode(400);
    }
}
