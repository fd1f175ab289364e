package io.pipelinehealth.transition;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The write path of issue 10: large batches store their events and derive in a second
 * transaction, small ones in one; Prefer: respond-async answers once the events are durable and
 * leaves a backlog that GET /api/v1/ingest/status shows and the backlog worker derives.
 */
@QuarkusTest
class IngestWritePathTest {

    private static final String AS_OF = "2026-03-01T00:00:00Z";
    private static final List<String> CYCLE = List.of("qualify", "discover", "propose", "negotiate");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Inject
    DerivationBacklog backlog;

    /** Event number {@code n} of an opportunity: hour n, and a stage other than its neighbours' in time. */
    private static Map<String, Object> nth(String o, String pipeline, int n) {
        return event(o + "-" + n, o, pipeline, CYCLE.get(n % CYCLE.size()), START.plusSeconds(3_600L * n).toString(),
                n % 3 == 0 ? "ana" : "bob");
    }

    private static String figures(String o) {
        return opportunity(o, AS_OF).statusCode(200).extract().jsonPath().prettify().replace(o, "O");
    }

    /**
     * Whether the visits show the opportunity at the event's stage at the event's instant: the
     * visit it entered, or an earlier visit of the same stage it continued (rule 3). Whatever else
     * concurrent clients have stored meanwhile, no other event shares that instant.
     */
    private static boolean atItsStage(List<Map<String, Object>> visits, Map<String, Object> event) {
        Instant at = Instant.parse((String) event.get("occurredAt"));
        return visits.stream().anyMatch(visit -> {
            Instant entered = Instant.parse((String) visit.get("enteredAt"));
            Object left = visit.get("leftAt");
            return visit.get("stage").equals(event.get("stage")) && !entered.isAfter(at)
                    && (left == null || Instant.parse((String) left).isAfter(at));
        });
    }

    private static Response postAsync(List<Map<String, Object>> events) {
        return given().contentType(ContentType.JSON).header("Prefer", "respond-async").body(events)
                .post("/api/v1/transitions");
    }

    private static Response status() {
        return given().get("/api/v1/ingest/status");
    }

    /**
     * N replicas: the backlog claims an opportunity with its row lock taken "for update skip
     * locked". While another transaction (another replica's derivation, here a plain connection)
     * holds one pending opportunity, the backlog derives the others and returns instead of waiting;
     * the held one is derived by a later round. Before skip locked this round waited for the lock.
     */
    @Test
    void theBacklogSkipsAnOpportunityAnotherTransactionHoldsInsteadOfWaiting() throws Exception {
        backlog.workOff();
        String pipeline = createStandardPipeline();
        String held = unique("held");
        String free = unique("free");
        List<Map<String, Object>> events = new ArrayList<>();
        for (int n = 0; n < 3; n++) {
            events.add(nth(held, pipeline, n));
            events.add(nth(free, pipeline, n));
        }
        postAsync(events).then().statusCode(202);
        status().then().body("pendingOpportunities", equalTo(2));

        Config config = ConfigProvider.getConfig();
        ExecutorService replica = Executors.newSingleThreadExecutor();
        try (Connection other = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getOptionalValue("quarkus.datasource.username", String.class).orElse(null),
                config.getOptionalValue("quarkus.datasource.password", String.class).orElse(null));
                Statement lock = other.createStatement()) {
            other.setAutoCommit(false);
            lock.execute("select set_config('pipeline_health.tenant', 'default', true)");
            lock.execute("select 1 from opportunity where tenant_id = 'default' and opportunity_id = '" + held
                    + "' for update");
            // generous: this bounds a wait on a lock that is never released, not a speed
            assertEquals(1, replica.submit(backlog::workOff).get(60, TimeUnit.SECONDS), "derived the free one only");
            status().then().body("pendingOpportunities", equalTo(1));
            other.rollback();
        } finally {
            replica.shutdownNow();
        }
        assertEquals(1, backlog.workOff(), "the next round derives the one that was held");
        status().then().body("pendingOpportunities", equalTo(0));
        assertEquals(figures(free).replace(free, "O"), figures(held).replace(held, "O"));
    }

    @Test
    void asyncBatchIsAnswered202WithItsEventsStoredAndTheBacklogDerivesThem() {
        backlog.workOff();
        String pipeline = createStandardPipeline();
        String reference = unique("ref");
        List<Map<String, Object>> referenceEvents = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> deals = new ArrayList<>();
        for (int d = 0; d < 12; d++) {
            String o = unique("async");
            deals.add(o);
            for (int n = 0; n < 6; n++) {
                events.add(nth(o, pipeline, n));
            }
        }
        for (int n = 0; n < 6; n++) {
            referenceEvents.add(nth(reference, pipeline, n));
        }
        post(referenceEvents).statusCode(200);

        Response accepted = postAsync(events);
        assertEquals(202, accepted.statusCode(), accepted.asString());
        assertEquals("respond-async", accepted.header("Preference-Applied"));
        assertEquals(72, accepted.jsonPath().getInt("stored"));
        status().then().statusCode(200).body("pendingOpportunities", equalTo(12));
        assertTrue(status().jsonPath().getString("oldestPendingSince") != null);

        // the events are durable: sent again, every one is a duplicate, and no new backlog appears
        postAsync(events).then().statusCode(202).body("stored", equalTo(0)).body("duplicates", equalTo(72));
        // conflicts are judged as in the default mode: nothing stored, nothing pending
        postAsync(List.of(with(events.get(0), "ownerId", "zed"))).then().statusCode(409);
        status().then().body("pendingOpportunities", equalTo(12));

        assertEquals(12, backlog.workOff());
        status().then().statusCode(200).body("pendingOpportunities", equalTo(0)).body("oldestPendingSince", nullValue());
        String expected = figures(reference);
        for (String o : deals) {
            assertEquals(expected, figures(o), "the backlog derived " + o + " as a synchronous batch would");
        }
    }

    /**
     * Four clients post to the same opportunities at once, single events (derived in their own
     * transaction) and batches of 64 (stored, then derived in a second one); every 2xx is followed
     * at once by reads that must show each event of that request as its own visit. At the end
     * each opportunity equals a reference that got all its events in one batch.
     */
    @Test
    void everyAnswerIsFollowedByReadsThatSeeItsEventsUnderConcurrentLoad() throws Exception {
        backlog.workOff();
        String pipeline = createStandardPipeline();
        List<String> deals = new ArrayList<>();
        for (int d = 0; d < 8; d++) {
            deals.add(unique("ryw"));
        }
        int clients = 4;
        int rounds = 4;
        Map<String, List<Integer>> sent = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<String>>> results = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Callable<List<String>> work = () -> {
                List<String> problems = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    int slot = (r * clients + client) * 8; // this request's hours, unique per opportunity
                    boolean single = (r + client) % 2 == 0;
                    List<Map<String, Object>> batch = new ArrayList<>();
                    for (String o : single ? deals.subList(client, client + 1) : deals) {
                        for (int j = 0; j < (single ? 1 : 8); j++) {
                            batch.add(nth(o, pipeline, slot + j));
                            sent.computeIfAbsent(o, k -> new CopyOnWriteArrayList<>()).add(slot + j);
                        }
                    }
                    Response answer = given().contentType(ContentType.JSON).body(batch).post("/api/v1/transitions");
                    if (answer.statusCode() != 200) {
                        problems.add("round " + r + ": " + answer.statusCode() + " " + answer.asString());
                        continue;
                    }
                    for (Map<String, Object> event : batch) {
                        List<Map<String, Object>> visits = opportunity((String) event.get("opportunityId"), AS_OF)
                                .statusCode(200).extract().jsonPath().getList("visits");
                        if (!atItsStage(visits, event)) {
                            problems.add("after round " + r + " of client " + client + ", " + event.get("opportunityId")
                                    + " is not at " + event.get("stage") + " at " + event.get("occurredAt"));
                        }
                    }
                }
                return problems;
            };
            results.add(pool.submit(work));
        }
        List<String> problems = new ArrayList<>();
        for (Future<List<String>> result : results) {
            problems.addAll(result.get());
        }
        pool.shutdown();
        assertEquals(List.of(), problems);
        status().then().body("pendingOpportunities", equalTo(0));

        for (String o : deals) {
            String reference = unique("ref");
            List<Map<String, Object>> all = new ArrayList<>();
            sent.get(o).forEach(n -> all.add(nth(reference, pipeline, n)));
            post(all).statusCode(200);
            assertEquals(figures(reference), figures(o), "incremental derivation of " + o + " under load");
        }
    }
}
