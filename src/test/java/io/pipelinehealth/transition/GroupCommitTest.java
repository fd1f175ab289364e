package io.pipelinehealth.transition;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipelinehealth.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Group commit through the API. The profile makes a group's leader wait 400 ms for neighbours and
 * lets one group run at a time, so requests sent together share one transaction (the metrics
 * prove it: one group of all of them); each request still succeeds or fails on its own.
 */
@QuarkusTest
@TestProfile(GroupCommitTest.WideWindow.class)
class GroupCommitTest {

    public static class WideWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline-health.ingest.group-commit.window", "400ms",
                    "pipeline-health.ingest.group-commit.concurrency", "1");
        }
    }

    private static final String AS_OF = "2026-03-01T00:00:00Z";

    /**
     * Group commit's metrics, from one scrape. The profile's application serves only this class and
     * {@link IngestMetricsTest}, one test at a time, so a delta counts only the test's own requests.
     */
    private record Figures(double groups, double requests, double fallbacks) {
        static Figures now() {
            Metrics metrics = Metrics.scrape();
            return new Figures(metrics.sample("pipeline_health_ingest_group_requests_count"),
                    metrics.sample("pipeline_health_ingest_group_requests_sum"),
                    metrics.sample("pipeline_health_ingest_group_fallbacks_total"));
        }

        Figures since(Figures before) {
            return new Figures(groups - before.groups, requests - before.requests, fallbacks - before.fallbacks);
        }
    }

    /** Posts every batch at the same moment, each from its own thread; answers in the batches' order. */
    private static List<Response> together(List<List<Map<String, Object>>> batches) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(batches.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> answers = new ArrayList<>();
            for (List<Map<String, Object>> batch : batches) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(batch).post("/api/v1/transitions");
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                responses.add(answer.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Map<String, Object>> dealOf(String pipeline, String opportunity) {
        return List.of(
                event(opportunity + "-1", opportunity, pipeline, "qualify", "2026-01-05T09:00:00Z", "ana"),
                event(opportunity + "-2", opportunity, pipeline, "discover", "2026-01-08T09:00:00Z", "ana"));
    }

    /** The deal of {@link #dealOf}, derived: a qualify visit left when discover began. */
    private static void assertDerived(String opportunity) {
        opportunity(opportunity, AS_OF).statusCode(200)
                .body("visits.stage", equalTo(List.of("qualify", "discover")))
                .body("visits[0].leftAt", equalTo("2026-01-08T09:00:00Z"));
    }

    @Test
    void aConflictingRequestFailsAloneAndItsNeighboursInTheSameGroupAreStored() throws Exception {
        String pipeline = createStandardPipeline();
        String first = unique("gc-first");
        post(dealOf(pipeline, first)).statusCode(200);
        // the same event id as one stored above, with another stage: a 409 for that request only
        List<Map<String, Object>> conflicting = List.of(with(dealOf(pipeline, first).get(0), "stage", "propose"));
        List<String> neighbours = List.of(unique("gc-a"), unique("gc-b"), unique("gc-c"), unique("gc-d"));
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        neighbours.forEach(o -> batches.add(dealOf(pipeline, o)));
        batches.add(2, conflicting);

        Figures before = Figures.now();
        List<Response> answers = together(batches);
        Figures delta = Figures.now().since(before);

        assertEquals(new Figures(1, 5, 1), delta, "one group of all five requests, rolled back once");
        answers.get(2).then().statusCode(409).contentType("application/problem+json")
                .body("errors[0].eventId", equalTo(first + "-1"));
        for (int i : new int[] {0, 1, 3, 4}) {
            answers.get(i).then().statusCode(200).body("stored", equalTo(2)).body("duplicates", equalTo(0));
        }
        neighbours.forEach(GroupCommitTest::assertDerived);
        assertDerived(first);
    }

    @Test
    void anEventSentByTwoRequestsOfOneGroupIsStoredOnceAndCreditedToOne() throws Exception {
        String pipeline = createStandardPipeline();
        String shared = unique("gc-shared");
        String other = unique("gc-other");
        List<Map<String, Object>> a = dealOf(pipeline, shared);
        List<Map<String, Object>> b = new ArrayList<>(dealOf(pipeline, other));
        b.add(a.get(1));

        Figures before = Figures.now();
        List<Response> answers = together(List.of(a, b));
        Figures delta = Figures.now().since(before);

        assertEquals(new Figures(1, 2, 0), delta, "one group of both requests");
        int stored = 0;
        for (Response answer : answers) {
            answer.then().statusCode(200);
            stored += answer.jsonPath().getInt("stored");
        }
        assertEquals(4, stored, "four distinct events, each credited once");
        assertEquals(1, answers.get(0).jsonPath().getInt("duplicates") + answers.get(1).jsonPath().getInt("duplicates"));
        assertDerived(shared);
        assertDerived(other);
    }

    @Test
    void anInvalidRequestGetsItsOwn422WithoutFailingTheGroupOfItsNeighbours() throws Exception {
        String pipeline = createStandardPipeline();
        String good = unique("gc-good");
        String bad = unique("gc-bad");
        List<Map<String, Object>> invalid = List.of(with(dealOf(pipeline, bad).get(0), "stage", "no-such-stage"));

        Figures before = Figures.now();
        List<Response> answers = together(List.of(dealOf(pipeline, good), invalid));
        Figures delta = Figures.now().since(before);

        assertEquals(0, delta.fallbacks(), "the invalid request never joined a group");
        answers.get(0).then().statusCode(200).body("stored", equalTo(2));
        answers.get(1).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("stage"));
        opportunity(bad, AS_OF).statusCode(404);
        assertDerived(good);
    }
}
