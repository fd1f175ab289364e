package io.pipelinehealth.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipelinehealth.common.MutableTestClock;
import io.pipelinehealth.frozen.FrozenScanner;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.identity.Bootstrap;
import io.pipelinehealth.support.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Two replicas on one database: each delivery is sent exactly once, each frozen visit announced once. */
@QuarkusTest
class TwoReplicasTest {

    private static final int MESSAGES = 60;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookOutbox outbox;

    @Inject
    FrozenScanner scanner;

    @Inject
    MutableTestClock clock;

    /**
     * Every request takes 10 s of the test clock. A batch of 50 thus outlives a lease taken once at
     * claim time (timeout + 30 s), so the other dispatcher claims the rest of the batch while it is
     * still being sent; only leases renewed per delivery and outcomes written by the claim's holder
     * keep each message to one request.
     */
    @Test
    void twoDispatchersSendEachDeliveryExactlyOnce() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver, WebhookEvents.DISQUALIFIED);
            String marker = Fixtures.unique("burst");
            TenantContext.run(Bootstrap.TENANT, () -> QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < MESSAGES; i++) {
                    outbox.enqueue(Bootstrap.TENANT, WebhookEvents.DISQUALIFIED,
                            Map.of("opportunityId", marker + "-" + i));
                }
            }));
            clock.set(clock.instant());
            receiver.onEach(() -> clock.advance(Duration.ofSeconds(10)));

            asTwoReplicas(() -> {
                long deadline = System.currentTimeMillis() + 60_000;
                while (!allFinal(id) && System.currentTimeMillis() < deadline) {
                    dispatcher.dispatch();
                }
            });

            // Every delivery row is final, so nothing can be sent any more: the counts below are final too.
            JsonPath log = deliveries(id);
            List<String> sent = new ArrayList<>();
            receiver.requests.forEach(r -> sent.add(r.header("webhook-id")));
            Set<String> logged = new HashSet<>(log.getList("items.messageId"));
            assertEquals(MESSAGES, logged.size(), "messages in the delivery log");
            assertEquals(MESSAGES, sent.size(), "requests received");
            assertEquals(logged, new HashSet<>(sent), "each logged message received once");
            assertEquals(List.of("DELIVERED"), log.getList("items.status").stream().distinct().toList());
            assertEquals(List.of(1), log.getList("items.attempts").stream().distinct().toList());
            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }
    }

    @Test
    void twoConcurrentScansAnnounceEachFrozenVisitOnce() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver, WebhookEvents.FROZEN);
            String pipeline = Fixtures.createStandardPipeline();
            String since = java.time.Instant.now().minus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .toString();
            List<String> deals = new ArrayList<>();
            List<Map<String, Object>> events = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String deal = Fixtures.unique("frozen");
                deals.add(deal);
                events.addAll(Fixtures.history(deal, pipeline, "ana", "negotiate", since));
            }
            Fixtures.post(events).statusCode(200);

            asTwoReplicas(scanner::scan);
            scanner.scan(); // a later scan finds nothing new of these visits either

            Receiver.await("every announcement to be sent", () -> {
                dispatcher.dispatch();
                return allFinal(id);
            });
            // The scans may also announce other tests' frozen deals: count only this test's own.
            List<String> announced = deliveries(id).getList("items.payload.data.opportunityId");
            List<String> ours = announced.stream().filter(deals::contains).sorted().toList();
            assertEquals(deals.stream().sorted().toList(), ours, "one delivery per frozen visit");
            for (String deal : deals) {
                assertEquals(1, receiver.about(deal).size(), deal);
            }
            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }
    }

    /** Runs the work on two threads that start together, and waits for both. */
    private static void asTwoReplicas(Runnable work) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Void> replica = () -> {
            start.await();
            work.run();
            return null;
        };
        ExecutorService replicas = Executors.newFixedThreadPool(2);
        try {
            for (Future<Void> done : List.of(replicas.submit(replica), replicas.submit(replica))) {
                done.get(90, TimeUnit.SECONDS);
            }
        } finally {
            replicas.shutdownNow();
        }
    }

    private static String subscribe(Receiver receiver, String event) {
        return given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "events", List.of(event)))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }

    private static boolean allFinal(String subscription) {
        return !deliveries(subscription).getList("items.status").contains("PENDING");
    }

    private static JsonPath deliveries(String subscription) {
        return given().queryParam("limit", 1000).get("/api/v1/webhooks/{id}/deliveries", subscription).then()
                .statusCode(200).extract().jsonPath();
    }
}
