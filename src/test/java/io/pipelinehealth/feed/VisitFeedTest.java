package io.pipelinehealth.feed;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.support.PinnedClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** GET /api/v1/visits: full pulls against the opportunity views, incremental pulls against full pulls. */
@QuarkusTest
@PinnedClock("2026-03-01T00:00:00Z")
class VisitFeedTest {

    @Test
    void aFullPullEqualsTheOpportunityViews() {
        String pipeline = createStandardPipeline();
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            deals.add(unique("d" + i));
        }
        post(history(deals.get(0), pipeline, "ana", "qualify", "2026-01-01T00:00:00Z", "propose", "2026-01-09T00:00:00Z",
                "won", "2026-01-20T00:00:00Z")).statusCode(200);
        post(history(deals.get(1), pipeline, "bob", "qualify", "2026-01-02T00:00:00Z")).statusCode(200);
        post(history(deals.get(2), pipeline, "ana", "qualify", "2026-01-03T00:00:00Z", "discover", "2026-01-04T00:00:00Z",
                "qualify", "2026-01-05T00:00:00Z", "lost", "2026-01-06T00:00:00Z")).statusCode(200);
        post(history(deals.get(3), pipeline, "cy", "negotiate", "2026-02-27T00:00:00Z")).statusCode(200);

        FeedClient client = new FeedClient(pipeline);
        List<Map<String, Object>> rows = client.full(2); // several pages
        List<String> keys = rows.stream().map(r -> (String) r.get("visitKey")).toList();
        List<String> order = rows.stream().map(r -> r.get("opportunityId") + " " + r.get("visitKey")).toList();
        assertEquals(order.stream().sorted().toList(), order, "by opportunity, then key");
        assertEquals(new HashSet<>(keys).size(), keys.size(), "keys are unique");

        List<Map<String, Object>> expected = new ArrayList<>();
        for (String deal : deals) {
            JsonPath view = given().get("/api/v1/opportunities/{id}", deal).then().statusCode(200).extract().jsonPath();
            for (Map<String, Object> visit : view.<Map<String, Object>>getList("visits")) {
                Map<String, Object> row = new HashMap<>(visit);
                row.put("opportunityId", deal);
                expected.add(row);
            }
        }
        List<String> fields = List.of("opportunityId", "stage", "ownerId", "enteredAt", "leftAt", "actualSeconds",
                "standardSeconds", "deviationSeconds", "status");
        assertEquals(project(expected, fields), project(rows, fields));
        assertTrue(rows.stream().allMatch(r -> pipeline.equals(r.get("pipelineId")) && "CALENDAR".equals(r.get("timeBasis"))));

        // the half-open entry window
        var window = given().queryParam("pipelineId", pipeline).queryParam("enteredFrom", "2026-01-03T00:00:00Z")
                .queryParam("enteredTo", "2026-01-05T00:00:00Z").get("/api/v1/visits").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"),
                window.<String>getList("items.enteredAt").stream().sorted().toList());
    }

    private static Set<List<Object>> project(List<Map<String, Object>> rows, List<String> fields) {
        Set<List<Object>> result = new HashSet<>();
        for (Map<String, Object> row : rows) {
            List<Object> values = new ArrayList<>();
            fields.forEach(f -> values.add(row.get(f) instanceof Number n ? n.longValue() : row.get(f)));
            result.add(values);
        }
        return result;
    }

    @Test
    void anIncrementalPullAfterLateDuplicateAndShuffledEventsReturnsExactlyTheChanges() {
        String pipeline = createStandardPipeline();
        String late = unique("late");
        String quiet = unique("quiet");
        String shuffled = unique("shuf");
        post(List.of(event(late + "-1", late, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(late + "-3", late, pipeline, "propose", "2026-01-10T00:00:00Z", "ana"),
                event(late + "-4", late, pipeline, "won", "2026-01-20T00:00:00Z", "ana"))).statusCode(200);
        post(history(quiet, pipeline, "bob", "qualify", "2026-01-01T00:00:00Z", "discover", "2026-01-02T00:00:00Z"))
                .statusCode(200);

        FeedClient client = new FeedClient(pipeline);
        client.full(1000);
        String start = client.changeCursor;

        // nothing changed: empty, and the cursor does not move
        assertEquals(List.of(), client.incremental(1000));
        assertEquals(start, client.changeCursor);

        Map<String, Map<String, Object>> before = new HashMap<>(client.table);
        // a late event splits the skipped discover visit into a real one; a duplicate changes nothing
        post(List.of(event(late + "-2", late, pipeline, "discover", "2026-01-05T00:00:00Z", "ana"),
                event(late + "-1", late, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"))).statusCode(200);
        // a new deal whose events arrive shuffled, in three batches
        List<Map<String, Object>> events = new ArrayList<>(history(shuffled, pipeline, "cy", "qualify",
                "2026-01-01T00:00:00Z", "discover", "2026-01-03T00:00:00Z", "propose", "2026-01-04T00:00:00Z",
                "negotiate", "2026-01-08T00:00:00Z"));
        Collections.shuffle(events, new Random(7));
        post(events.subList(0, 2)).statusCode(200);
        post(events.subList(2, 3)).statusCode(200);
        post(events.subList(3, 4)).statusCode(200);

        List<Map<String, Object>> changes = client.incremental(1);
        FeedClient fresh = new FeedClient(pipeline);
        fresh.full(1000);
        assertEquals(fresh.table, client.table, "the incremental pull brought the table up to date");

        Set<String> changed = new HashSet<>();
        fresh.table.forEach((key, row) -> {
            if (!row.equals(before.get(key))) {
                changed.add(key);
            }
        });
        Set<String> gone = new HashSet<>(before.keySet());
        gone.removeAll(fresh.table.keySet());
        assertEquals(changed, keys(changes, false), "exactly the changed visits");
        Set<String> tombstones = keys(changes, true);
        assertTrue(tombstones.containsAll(gone), "a tombstone for each visit that is gone");
        assertEquals(1, gone.size(), "the skipped discover visit of the late deal");
        // the shuffled deal's early batches made visits its later ones replaced: those, never pulled,
        // have tombstones too (harmless deletes of unknown keys); no tombstone names a current visit
        tombstones.removeAll(gone);
        assertTrue(tombstones.stream().noneMatch(k -> before.containsKey(k) || fresh.table.containsKey(k)));
        assertTrue(changes.stream().filter(r -> shuffled.equals(r.get("opportunityId"))).count() == 4);
        assertTrue(changes.stream().noneMatch(r -> quiet.equals(r.get("opportunityId"))), "the quiet deal is not sent again");

        assertEquals(List.of(), client.incremental(1000));
    }

    private static Set<String> keys(List<Map<String, Object>> items, boolean deleted) {
        Set<String> keys = new HashSet<>();
        for (Map<String, Object> item : items) {
            if (Boolean.TRUE.equals(item.get("deleted")) == deleted) {
                assertTrue(keys.add((String) item.get("visitKey")), "each key once");
            }
        }
        return keys;
    }

    @Test
    void aVisitKeepsItsKeyWhileItsStageAndEntryStay() {
        String pipeline = createStandardPipeline();
        String deal = unique("d");
        post(history(deal, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        FeedClient client = new FeedClient(pipeline);
        client.full(10);
        String key = client.table.keySet().iterator().next();
        post(List.of(with(event(deal + "-x", deal, pipeline, "discover", "2026-01-04T00:00:00Z", "ana"),
                "attributes", Map.of("region", "EMEA")))).statusCode(200);
        List<Map<String, Object>> changes = client.incremental(10);
        assertEquals(2, changes.size());
        assertTrue(client.table.containsKey(key));
        assertEquals("2026-01-04T00:00:00Z", client.table.get(key).get("leftAt"));
        assertEquals(Map.of("region", "EMEA"), client.table.get(key).get("attributes"), "attribute changes reach every visit");
    }

    @Test
    void csvHasAnAttributeColumnPerKeyAndTheCursorsInHeaders() {
        String pipeline = createStandardPipeline();
        String deal = unique("d");
        post(List.of(with(event(deal + "-1", deal, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"), "attributes",
                Map.of("region", "=cmd|' /C calc'!A0", "tier", "gold")))).statusCode(200);
        var response = given().accept("text/csv").queryParam("pipelineId", pipeline).get("/api/v1/visits").then()
                .statusCode(200).extract();
        String[] lines = response.asString().split("\n");
        assertEquals("visitKey,opportunityId,pipelineId,stage,ownerId,enteredAt,leftAt,actualSeconds,standardSeconds,"
                + "deviationSeconds,status,timeBasis,attr.region,attr.tier,deleted", lines[0]);
        assertTrue(lines[1].contains(",\"'=cmd|' /C calc'!A0\",gold,false"), lines[1]);
        assertTrue(lines[1].contains("," + deal + "," + pipeline + ",qualify,ana,2026-01-01T00:00:00Z,,"), lines[1]);
        assertEquals(2, lines.length);
        assertTrue(response.header("X-Change-Cursor") != null);
    }

    /** The attr columns are read at the first page and kept for the whole pull: every page has one header. */
    @Test
    void everyCsvPageOfAPullHasTheHeaderOfItsFirstPage() {
        String pipeline = createStandardPipeline();
        String deal = unique("d");
        post(List.of(with(event(deal + "-1", deal, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"), "attributes",
                Map.of("region", "south")), with(event(deal + "-2", deal, pipeline, "propose", "2026-01-03T00:00:00Z",
                        "ana"), "attributes", Map.of("region", "north")))).statusCode(200);
        var first = given().accept("text/csv").queryParam("pipelineId", pipeline).queryParam("limit", 1)
                .get("/api/v1/visits").then().statusCode(200).extract();
        String header = first.asString().split("\n")[0];
        assertTrue(header.endsWith(",attr.region,deleted"), header);
        String other = unique("e");
        post(List.of(with(event(other + "-1", other, pipeline, "qualify", "2026-01-02T00:00:00Z", "bob"), "attributes",
                Map.of("tier", "gold")))).statusCode(200);
        String cursor = first.header("X-Next-Cursor");
        List<String> lines = new ArrayList<>();
        while (cursor != null) {
            var page = given().accept("text/csv").queryParam("pipelineId", pipeline).queryParam("limit", 1)
                    .queryParam("cursor", cursor).get("/api/v1/visits").then().statusCode(200).extract();
            String[] text = page.asString().split("\n");
            assertEquals(header, text[0], "the first page's header");
            lines.addAll(List.of(text).subList(1, text.length));
            cursor = page.header("X-Next-Cursor");
        }
        assertTrue(lines.size() >= 2, "the later pages of the pull: " + lines);
        String fresh = given().accept("text/csv").queryParam("pipelineId", pipeline).get("/api/v1/visits").then()
                .statusCode(200).extract().asString().split("\n")[0];
        assertTrue(fresh.endsWith(",attr.region,attr.tier,deleted"), "the next pull has the new key: " + fresh);
    }

    @Test
    void aRepKeySeesItsOwnVisitsOnly() {
        String pipeline = createStandardPipeline();
        post(history(unique("a"), pipeline, "ana", "qualify", "2026-01-01T00:00:00Z", "discover", "2026-01-02T00:00:00Z"))
                .statusCode(200);
        post(history(unique("b"), pipeline, "bob", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        String rep = given().contentType("application/json")
                .body(Map.of("name", unique("rep"), "roles", List.of("rep"), "ownerId", "ana"))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        List<String> owners = given().header("Authorization", "Bearer " + rep).queryParam("pipelineId", pipeline)
                .get("/api/v1/visits").then().statusCode(200).extract().jsonPath().getList("items.ownerId");
        assertEquals(List.of("ana", "ana"), owners);
    }

    @Test
    void badInputIsA400AndAnUnknownPipelineA404() {
        String pipeline = createStandardPipeline();
        String other = createStandardPipeline();
        given().get("/api/v1/visits").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("pipelineId", "no-such").get("/api/v1/visits").then().statusCode(404);
        given().queryParam("pipelineId", pipeline).queryParam("limit", 10_001).get("/api/v1/visits").then().statusCode(400)
                .body("detail", equalTo("limit must be a whole number from 1 to 10000, not '10001'"));
        given().queryParam("pipelineId", pipeline).queryParam("limit", 10_000).get("/api/v1/visits").then().statusCode(200);
        given().queryParam("pipelineId", pipeline).queryParam("enteredFrom", "yesterday").get("/api/v1/visits").then()
                .statusCode(400);
        FeedClient client = new FeedClient(pipeline);
        client.full(10);
        String cursor = client.changeCursor;
        String tampered = cursor.charAt(0) == 'W' ? "X" + cursor.substring(1) : "W" + cursor.substring(1);
        given().queryParam("pipelineId", pipeline).queryParam("changedSince", tampered).get("/api/v1/visits").then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Invalid changedSince"));
        given().queryParam("pipelineId", other).queryParam("changedSince", cursor).get("/api/v1/visits").then()
                .statusCode(400).body("title", equalTo("Invalid changedSince"));
        given().queryParam("pipelineId", pipeline).queryParam("changedSince", "12345").get("/api/v1/visits").then()
                .statusCode(400);
    }
}
