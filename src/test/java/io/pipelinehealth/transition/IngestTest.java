package io.pipelinehealth.transition;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** DOMAIN rules 1 and 2 and the batch contract of POST /api/v1/transitions. */
@QuarkusTest
class IngestTest {

    private static final String AS_OF = "2026-03-01T00:00:00Z";

    /** A history with re-entries, a skip, same-stage events and a same-instant tie. */
    private static List<Map<String, Object>> richHistory(String o, String pipeline) {
        return List.of(
                event(o + "-a", o, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(o + "-b", o, pipeline, "qualify", "2026-01-02T00:00:00Z", "bob"),
                event(o + "-c", o, pipeline, "propose", "2026-01-04T00:00:00Z", "bob"),
                event(o + "-d", o, pipeline, "discover", "2026-01-10T00:00:00Z", "ana"),
                event(o + "-e", o, pipeline, "negotiate", "2026-01-10T00:00:00Z", "ana"),
                event(o + "-f", o, pipeline, "lost", "2026-01-12T00:00:00Z", "ana"),
                event(o + "-g", o, pipeline, "qualify", "2026-01-20T00:00:00Z", "cy"),
                event(o + "-h", o, pipeline, "won", "2026-02-01T00:00:00Z", "cy"));
    }

    private static String figures(String o) {
        return opportunity(o, AS_OF).statusCode(200).extract().jsonPath().prettify();
    }

    @Test
    void shuffledEventsSplitIntoDifferentBatchesGiveIdenticalFigures() {
        String pipeline = createStandardPipeline();
        String reference = unique("o");
        post(richHistory(reference, pipeline)).statusCode(200).body("stored", equalTo(8));
        String expected = figures(reference).replace(reference, "O");

        Random random = new Random(42);
        for (int round = 0; round < 3; round++) {
            String o = unique("o");
            List<Map<String, Object>> events = new ArrayList<>(richHistory(o, pipeline));
            Collections.shuffle(events, random);
            int cut = 1 + random.nextInt(events.size() - 1);
            post(events.subList(cut, events.size())).statusCode(200);
            for (Map<String, Object> single : events.subList(0, cut)) {
                post(List.of(single)).statusCode(200);
            }
            assertEquals(expected, figures(o).replace(o, "O"));
        }
    }

    @Test
    void replayedBatchStoresNothingNew() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        List<Map<String, Object>> events = richHistory(o, pipeline);
        post(events).statusCode(200).body("received", equalTo(8)).body("stored", equalTo(8)).body("duplicates", equalTo(0));
        String before = figures(o);
        for (int i = 0; i < 3; i++) {
            post(events).statusCode(200).body("received", equalTo(8)).body("stored", equalTo(0)).body("duplicates", equalTo(8));
        }
        assertEquals(before, figures(o));
    }

    @Test
    void sameContentMeansSameMeaningOnceParsed() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        Map<String, Object> original = with(with(with(event(o + "-1", o, pipeline, "qualify", "2026-01-01T10:00:00Z", "ana"),
                "amount", 1500), "currency", "EUR"), "attributes", Map.of());
        post(List.of(original)).statusCode(200).body("stored", equalTo(1));
        Map<String, Object> reformatted = with(with(with(original, "occurredAt", "2026-01-01T12:00:00.000+02:00"),
                "amount", "1500.00"), "attributes", null);
        reformatted.remove("attributes");
        post(List.of(reformatted)).statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(1));
    }

    @Test
    void conflictingBatchStoresNothing() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        String fresh = unique("o");
        post(List.of(event(o + "-1", o, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"))).statusCode(200);
        post(List.of(
                event(fresh + "-1", fresh, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(o + "-2", o, pipeline, "discover", "2026-01-02T00:00:00Z", "ana"),
                event(o + "-1", o, pipeline, "propose", "2026-01-01T00:00:00Z", "ana")))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].index", equalTo(2))
                .body("errors[0].eventId", equalTo(o + "-1"))
                .body("errors[0].field", equalTo("eventId"));
        opportunity(fresh, AS_OF).statusCode(404);
        opportunity(o, AS_OF).statusCode(200).body("visits", hasSize(1));
    }

    @Test
    void sameEventIdTwiceInOneBatch() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        Map<String, Object> e = event(o + "-1", o, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana");
        post(List.of(e, e)).statusCode(200).body("stored", equalTo(1)).body("duplicates", equalTo(1));
        String other = unique("o");
        Map<String, Object> a = event(other + "-1", other, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana");
        post(List.of(a, with(a, "stage", "discover"))).statusCode(409).body("errors[0].index", equalTo(1));
        opportunity(other, AS_OF).statusCode(404);
    }

    @Test
    void opportunityBelongsToOnePipeline() {
        String first = createStandardPipeline();
        String second = createStandardPipeline();
        String o = unique("o");
        post(List.of(event(o + "-1", o, first, "qualify", "2026-01-01T00:00:00Z", "ana"))).statusCode(200);
        post(List.of(event(o + "-2", o, second, "discover", "2026-01-02T00:00:00Z", "ana")))
                .statusCode(409).body("errors[0].field", equalTo("pipelineId"))
                .body("errors[0].message", containsString(first));
        String p = unique("o");
        post(List.of(event(p + "-1", p, first, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(p + "-2", p, second, "qualify", "2026-01-01T00:00:00Z", "ana")))
                .statusCode(422).body("errors[0].index", equalTo(1));
    }

    @Test
    void everyBadItemIsNamedAndNothingIsStored() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(List.of(
                event(o + "-ok", o, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(o + "-1", o, "no-such-pipeline", "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(o + "-2", o, pipeline, "no-such-stage", "2026-01-01T00:00:00Z", "ana"),
                event(o + "-3", o, pipeline, "qualify", "2026-01-01T00:00:00", "ana"),
                event("", o, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(o + "-5", o, pipeline, "qualify", "2999-01-01T00:00:00Z", "ana"),
                with(event(o + "-6", o, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"), "currency", "euro"),
                event(o + "-7", "x".repeat(257), pipeline, "qualify", "2026-01-01T00:00:00Z", "ana")))
                .statusCode(422)
                .contentType("application/problem+json")
                .body("status", equalTo(422))
                .body("errors.index", hasItems(1, 2, 3, 4, 5, 6, 7))
                .body("errors.field", hasItems("pipelineId", "stage", "occurredAt", "eventId", "currency", "opportunityId"));
        opportunity(o, AS_OF).statusCode(404);
    }

    @Test
    void malformedBodiesAreClientErrorsAndStoreNothing() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        given().contentType(ContentType.JSON).body("{not json").post("/api/v1/transitions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/malformed-body"));
        given().contentType(ContentType.JSON).body("{\"eventId\": \"x\"}").post("/api/v1/transitions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/malformed-body"));
        // a good event beside a bad one: the batch is refused whole
        String good = "{\"eventId\": \"" + o + "-1\", \"opportunityId\": \"" + o + "\", \"pipelineId\": \"" + pipeline
                + "\", \"stage\": \"qualify\", \"occurredAt\": \"2026-01-01T00:00:00Z\", \"ownerId\": \"ana\"}";
        given().contentType(ContentType.JSON).body("[" + good + ", {\"eventId\": \"x\", \"amount\": \"lots\"}]")
                .post("/api/v1/transitions").then().statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/malformed-body"));
        given().contentType(ContentType.JSON).body("[]").post("/api/v1/transitions")
                .then().statusCode(422).contentType("application/problem+json");
        given().contentType(ContentType.XML).body("<a/>").post("/api/v1/transitions")
                .then().statusCode(415).contentType("application/problem+json")
                .body("type", endsWith("/problems/unsupported-media-type"));
        opportunity(o, "2026-02-01T00:00:00Z").statusCode(404);
        // the good event alone is stored: the 404 above was not for want of a valid event
        given().contentType(ContentType.JSON).body("[" + good + "]").post("/api/v1/transitions").then().statusCode(200);
        opportunity(o, "2026-02-01T00:00:00Z").statusCode(200);
    }

    @Test
    void oversizeBatchIsRefusedAndStoresNothing() {
        String pipeline = createStandardPipeline();
        String big = unique("big");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i <= IngestService.MAX_BATCH; i++) {
            events.add(event(big + "-" + i, big, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"));
        }
        post(events).statusCode(413).contentType("application/problem+json")
                .body("type", endsWith("/problems/batch-too-large"));
        opportunity(big, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void csvExportLoadsLikeJson() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        String csv = "eventId,opportunityId,pipelineId,stage,occurredAt,ownerId,amount,currency,attr.region\n"
                + o + "-1," + o + "," + pipeline + ",qualify,2026-01-01T00:00:00Z,ana,1200.50,EUR,south\n"
                + o + "-2," + o + "," + pipeline + ",propose,2026-01-02T00:00:00Z,ana,,,\n"
                + o + "-3," + o + "," + pipeline + ",negotiate,2026-01-20T00:00:00Z,ana,,,\n";
        given().contentType("text/csv").body(csv).post("/api/v1/transitions")
                .then().statusCode(200).body("stored", equalTo(3));
        opportunity(o, "2026-02-10T00:00:00Z").statusCode(200)
                .body("visits.status", hasItems("RUSHED", "SKIPPED", "SLOW", "FROZEN"))
                .body("amount", equalTo(1200.5f))
                .body("attributes.region", equalTo("south"));
        given().contentType("text/csv").body(csv).post("/api/v1/transitions")
                .then().statusCode(200).body("duplicates", equalTo(3));

        String withBom = "\uFEFFeventId,opportunityId,pipelineId,stage,occurredAt,ownerId\r\n"
                + o + "-4," + o + "," + pipeline + ",won,2026-01-21T00:00:00Z,ana\r\n";
        given().contentType("text/csv; charset=utf-8").body(withBom).post("/api/v1/transitions")
                .then().statusCode(200).body("stored", equalTo(1));
        given().contentType("text/csv").body("eventId,bogus\nx,y\n").post("/api/v1/transitions")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("bogus"));
        String bad = "eventId,opportunityId,pipelineId,stage,occurredAt,ownerId,amount\n"
                + "b1,b,nope,qualify,2026-01-01T00:00:00Z,ana,12x\n";
        given().contentType("text/csv").body(bad).post("/api/v1/transitions")
                .then().statusCode(422).body("errors[0].index", equalTo(0)).body("errors[0].field", equalTo("amount"));
    }

    @Test
    void concurrentBatchesOnTheSameOpportunityGiveTheFiguresOfAllEvents() throws Exception {
        String pipeline = createStandardPipeline();
        String reference = unique("o");
        post(richHistory(reference, pipeline)).statusCode(200);
        String expected = figures(reference).replace(reference, "O");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String o = unique("o");
                List<Map<String, Object>> events = richHistory(o, pipeline);
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Integer>> posts = List.of(
                        () -> { start.await(); return post(events.subList(0, 4)).extract().statusCode(); },
                        () -> { start.await(); return post(events.subList(4, 8)).extract().statusCode(); },
                        () -> { start.await(); return post(events.subList(2, 6)).extract().statusCode(); });
                List<Future<Integer>> results = new ArrayList<>();
                posts.forEach(p -> results.add(pool.submit(p)));
                start.countDown();
                for (Future<Integer> result : results) {
                    assertEquals(200, result.get());
                }
                assertEquals(expected, figures(o).replace(o, "O"));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
