package io.pipelinehealth.feed;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.common.MutableTestClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Tombstones: pruned after the retention (then an older changedSince is 410 Gone), and a rep's own only. */
@QuarkusTest
class FeedRetentionTest {

    @Inject
    MutableTestClock clock;

    @Inject
    TombstonePruner pruner;

    /** A deal with a skipped discover visit; the late discover event makes that visit a tombstone. */
    private static String dealWithASkippedVisit(String pipeline, String owner) {
        String deal = unique("t");
        post(List.of(event(deal + "-1", deal, pipeline, "qualify", "2026-01-01T00:00:00Z", owner),
                event(deal + "-3", deal, pipeline, "propose", "2026-01-10T00:00:00Z", owner))).statusCode(200);
        return deal;
    }

    private static void lateDiscover(String pipeline, String deal, String owner) {
        post(List.of(event(deal + "-2", deal, pipeline, "discover", "2026-01-05T00:00:00Z", owner))).statusCode(200);
    }

    @Test
    void aChangedSinceOlderThanAPrunedTombstoneIsGoneAndAFullPullStartsAgain() {
        String pipeline = createStandardPipeline();
        String deal = dealWithASkippedVisit(pipeline, "ana");
        FeedClient stale = new FeedClient(pipeline);
        stale.full(100);
        String old = stale.changeCursor;
        lateDiscover(pipeline, deal, "ana");
        FeedClient current = new FeedClient(pipeline);
        current.full(100);

        // within the retention the tombstone stays and the old cursor still works
        clock.set(Instant.now().plus(Duration.ofDays(29)));
        pruner.prune();
        assertTrue(given().queryParam("pipelineId", pipeline).queryParam("changedSince", old).get("/api/v1/visits")
                .then().statusCode(200).extract().jsonPath().getList("items.deleted").contains(true));

        clock.set(Instant.now().plus(Duration.ofDays(31)));
        assertTrue(pruner.prune() >= 1);
        given().queryParam("pipelineId", pipeline).queryParam("changedSince", old).get("/api/v1/visits").then()
                .statusCode(410).contentType("application/problem+json")
                .body("title", equalTo("changedSince is too old")).body("detail", containsString("full pull"));
        given().accept("text/csv").queryParam("pipelineId", pipeline).queryParam("changedSince", old)
                .get("/api/v1/visits").then().statusCode(410).contentType("application/problem+json");
        // a cursor taken after the pruned tombstone was written loses nothing: it still works
        assertEquals(List.of(), current.incremental(100));
        FeedClient again = new FeedClient(pipeline);
        again.full(100);
        assertEquals(current.table.keySet(), again.table.keySet()); // open visits' figures moved with the clock
        assertEquals(List.of(), again.incremental(100));
    }

    @Test
    void aRepGetsTheTombstonesOfItsOwnVisitsOnly() {
        clock.set(Instant.now()); // one instant for open visits' figures in every pull
        String pipeline = createStandardPipeline();
        String ana = dealWithASkippedVisit(pipeline, "ana");
        String bob = dealWithASkippedVisit(pipeline, "bob");
        String key = given().contentType("application/json")
                .body(Map.of("name", unique("rep"), "roles", List.of("rep"), "ownerId", "ana"))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        FeedClient rep = new FeedClient(pipeline, key);
        rep.full(100);
        FeedClient admin = new FeedClient(pipeline);
        admin.full(100);
        Set<String> anaBefore = new HashSet<>(rep.table.keySet());
        Set<String> all = new HashSet<>(admin.table.keySet());

        lateDiscover(pipeline, ana, "ana");
        lateDiscover(pipeline, bob, "bob");

        Set<String> repTombstones = tombstones(rep.incremental(100));
        Set<String> allTombstones = tombstones(admin.incremental(100));
        assertEquals(2, allTombstones.size(), "the skipped visits of both deals");
        assertTrue(all.containsAll(allTombstones));
        assertEquals(1, repTombstones.size(), "ana's skipped visit only");
        assertTrue(anaBefore.containsAll(repTombstones));
        FeedClient fresh = new FeedClient(pipeline, key);
        fresh.full(100);
        assertEquals(fresh.table, rep.table);
    }

    private static Set<String> tombstones(List<Map<String, Object>> items) {
        Set<String> keys = new HashSet<>();
        items.stream().filter(item -> Boolean.TRUE.equals(item.get("deleted")))
                .forEach(item -> keys.add((String) item.get("visitKey")));
        return keys;
    }
}
