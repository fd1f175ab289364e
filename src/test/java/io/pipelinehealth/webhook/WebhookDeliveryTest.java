package io.pipelinehealth.webhook;

import static io.pipelinehealth.support.Fixtures.createPipeline;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.handoff;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.standardwebhooks.Webhook;
import io.pipelinehealth.common.MutableTestClock;
import io.pipelinehealth.frozen.FrozenScanner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhooks end to end: outbox, signed delivery to a real receiver, retries, 410, frozen scan. */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    MutableTestClock clock;

    @Inject
    FrozenScanner scanner;

    private static JsonPath subscribe(Receiver receiver, String... events) {
        return given().contentType(ContentType.JSON).body(Map.of("url", receiver.url(), "events", List.of(events)))
                .post("/api/v1/webhooks").then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("secret", startsWith("whsec_"))
                .body("enabled", equalTo(true))
                .extract().jsonPath();
    }

    private static JsonPath deliveries(String subscription) {
        return given().queryParam("limit", 1000).get("/api/v1/webhooks/{id}/deliveries", subscription).then()
                .statusCode(200).extract().jsonPath();
    }

    /** Once no delivery of the subscription is PENDING, nothing more can be sent to it: counts are final. */
    private static void awaitAllFinal(String subscription) throws InterruptedException {
        Receiver.await("every delivery to be final",
                () -> !deliveries(subscription).getList("items.status").contains("PENDING"));
    }

    private static String daysAgo(int days) {
        return Instant.now().minus(Duration.ofDays(days)).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    @Test
    void handoffIsDeliveredSignedAndRetriedAfterA500() throws Exception {
        try (Receiver receiver = new Receiver().answer(500)) {
            JsonPath subscription = subscribe(receiver, "opportunity.handed_to_nurturing");
            String id = subscription.getString("id");
            String secret = subscription.getString("secret");
            given().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("$", not(hasKey("secret")));

            String pipeline = createStandardPipeline();
            String o = unique("o");
            post(history(o, pipeline, "ana", "qualify", daysAgo(2))).statusCode(200);
            handoff(o, "TO_NURTURING", null, "reason", "budget frozen").statusCode(201);

            Receiver.await("a retry after the 500", () -> receiver.about(o).size() >= 2);
            List<Receiver.Request> got = receiver.about(o);
            assertEquals(got.get(0).header("webhook-id"), got.get(1).header("webhook-id"));
            Receiver.Request last = got.get(1);
            new Webhook(secret).verify(last.body(), last.headers()); // throws when the signature is wrong
            JsonPath body = JsonPath.from(last.body());
            assertEquals("opportunity.handed_to_nurturing", body.getString("type"));
            assertEquals("budget frozen", body.getString("data.reason"));
            assertEquals("TO_NURTURING", body.getString("data.direction"));

            Receiver.await("the delivery log to say DELIVERED",
                    () -> "DELIVERED".equals(deliveries(id).getString("items[0].status")));
            JsonPath log = deliveries(id);
            assertEquals(2, log.getInt("items[0].attempts"));
            assertEquals(204, log.getInt("items[0].lastStatusCode"));
            assertEquals(o, log.getString("items[0].payload.data.opportunityId"));

            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
            given().get("/api/v1/webhooks/{id}", id).then().statusCode(404);
        }
    }

    @Test
    void frozenIsAnnouncedOncePerVisitAndAutoHandoffPipelinesHandOver() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver, "opportunity.frozen", "opportunity.handed_to_nurturing").getString("id");
            Map<String, Object> definition = new LinkedHashMap<>(standardPipeline(List.of()));
            definition.put("autoHandoff", true);
            String auto = createPipeline(definition);
            given().get("/api/v1/pipelines/{id}", auto).then().statusCode(200).body("autoHandoff", equalTo(true));
            String manual = createStandardPipeline();
            String autoDeal = unique("auto");
            String manualDeal = unique("manual");
            post(history(autoDeal, auto, "ana", "negotiate", daysAgo(20))).statusCode(200);
            post(history(manualDeal, manual, "ana", "negotiate", daysAgo(20))).statusCode(200);

            scanner.scan();
            scanner.scan();
            scanner.scan();

            given().get("/api/v1/opportunities/{id}", autoDeal).then().statusCode(200)
                    .body("state", equalTo("NURTURING"))
                    .body("handoffs[0].by", equalTo("system"))
                    .body("handoffs[0].automatic", equalTo(true));
            given().get("/api/v1/opportunities/{id}", manualDeal).then().statusCode(200).body("state", equalTo("OPEN"));
            given().queryParam("pipelineId", auto).get("/api/v1/frozen").then().statusCode(200)
                    .body("items.size()", equalTo(0));
            given().queryParam("pipelineId", manual).get("/api/v1/frozen").then().statusCode(200)
                    .body("items.opportunityId", equalTo(List.of(manualDeal)));

            Receiver.await("three messages", () -> receiver.about(autoDeal).size() >= 2
                    && receiver.about(manualDeal).size() >= 1);
            awaitAllFinal(id);
            // The scans may announce other tests' frozen deals too: only this test's deals count.
            List<String> logged = deliveries(id).getList("items.payload.data.opportunityId");
            assertEquals(2, logged.stream().filter(autoDeal::equals).count());
            assertEquals(1, logged.stream().filter(manualDeal::equals).count());
            assertEquals(List.of("opportunity.frozen", "opportunity.handed_to_nurturing"), receiver.about(autoDeal).stream()
                    .map(r -> JsonPath.from(r.body()).getString("type")).toList());
            assertEquals(1, receiver.about(manualDeal).size());
            assertEquals("negotiate", JsonPath.from(receiver.about(manualDeal).get(0).body()).getString("data.stage"));
            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }
    }

    /** Issue 12: on a pipeline with a calendar, frozenAfterSeconds is working time and the basis is named. */
    @Test
    void frozenOnACalendarPipelineIsAnnouncedInWorkingTime() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver, "opportunity.frozen").getString("id");
            String pipeline = createPipeline(Map.of("stages", List.of(
                    Map.of("key", "qualify", "standard", "PT1H", "frozenAfter", "P1D"), Map.of("key", "won", "kind", "WON")),
                    "calendar", Map.of("zone", "UTC", "hours", Map.of("from", "09:00", "to", "18:00"))));
            String deal = unique("working");
            post(history(deal, pipeline, "ana", "qualify", daysAgo(20))).statusCode(200);

            scanner.scan();

            Receiver.await("the frozen message", () -> receiver.about(deal).size() >= 1);
            JsonPath message = JsonPath.from(receiver.about(deal).get(0).body());
            assertEquals(32_400, message.getInt("data.frozenAfterSeconds")); // one 9-hour working day
            assertEquals(Map.of("kind", "WORKING", "zone", "UTC"), message.getMap("data.timeBasis"));
            awaitAllFinal(id);
            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }
    }

    @Test
    void returnsToSalesAreAnnouncedWhetherHandedBackOrImplicitByACrmEvent() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String id = subscribe(receiver, "opportunity.returned_to_sales").getString("id");
            String pipeline = createStandardPipeline();
            String manual = unique("manual");
            String implicit = unique("implicit");
            post(history(manual, pipeline, "ana", "qualify", daysAgo(10))).statusCode(200);
            post(history(implicit, pipeline, "ana", "qualify", daysAgo(10))).statusCode(200);
            handoff(manual, "TO_NURTURING", daysAgo(8)).statusCode(201);
            handoff(implicit, "TO_NURTURING", daysAgo(8)).statusCode(201);
            handoff(manual, "TO_SALES", daysAgo(2), "stage", "propose", "ownerId", "bob").statusCode(201);
            String back = daysAgo(1);
            post(List.of(io.pipelinehealth.support.Fixtures.event(implicit + "-back", implicit, pipeline, "discover",
                    back, "carol"))).statusCode(200);
            // replaying the same event stores nothing and announces nothing again
            post(List.of(io.pipelinehealth.support.Fixtures.event(implicit + "-back", implicit, pipeline, "discover",
                    back, "carol"))).statusCode(200);

            Receiver.await("both returns", () -> receiver.about(manual).size() >= 1 && receiver.about(implicit).size() >= 1);
            awaitAllFinal(id);
            assertEquals(2, deliveries(id).getList("items").size(), "one delivery per return, none for the replay");
            JsonPath handedBack = JsonPath.from(receiver.about(manual).get(0).body());
            assertEquals("opportunity.returned_to_sales", handedBack.getString("type"));
            assertEquals("bob", handedBack.getString("data.ownerId"));
            assertEquals(1, receiver.about(implicit).size());
            JsonPath implicitReturn = JsonPath.from(receiver.about(implicit).get(0).body());
            assertEquals(true, implicitReturn.getBoolean("data.implicit"));
            assertEquals("discover", implicitReturn.getString("data.stage"));
            assertEquals("carol", implicitReturn.getString("data.ownerId"));
            assertEquals(back, implicitReturn.getString("data.at"));
            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }
    }

    @Test
    void subscriberAnswering410IsDisabled() throws Exception {
        try (Receiver receiver = new Receiver().otherwise(410)) {
            String id = subscribe(receiver, "opportunity.disqualified").getString("id");
            String pipeline = createStandardPipeline();
            String o = unique("o");
            post(history(o, pipeline, "ana", "qualify", daysAgo(2))).statusCode(200);
            handoff(o, "DISQUALIFY", null).statusCode(201);
            Receiver.await("the subscription to be disabled", () -> !given().get("/api/v1/webhooks/{id}", id).then()
                    .extract().jsonPath().getBoolean("enabled"));
            JsonPath log = deliveries(id);
            assertEquals("FAILED", log.getString("items[0].status"));
            assertEquals(410, log.getInt("items[0].lastStatusCode"));
            assertEquals(1, receiver.requests.size());
            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }
    }

    @Test
    void retriesStopAfterTheGiveUpAgeAndTheDeliveryIsMarkedFailed() throws Exception {
        try (Receiver receiver = new Receiver().otherwise(503)) {
            String id = subscribe(receiver, "opportunity.disqualified").getString("id");
            String pipeline = createStandardPipeline();
            String o = unique("o");
            post(history(o, pipeline, "ana", "qualify", daysAgo(2))).statusCode(200);
            handoff(o, "DISQUALIFY", null).statusCode(201);
            Receiver.await("a first failed attempt", () -> receiver.about(o).size() >= 1);
            clock.set(Instant.now().plus(Duration.ofHours(25)));
            Receiver.await("the delivery to fail", () -> "FAILED".equals(deliveries(id).getString("items[0].status")));
            assertTrue(deliveries(id).getString("items[0].lastError").contains("gave up"));
            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }
    }

    @Test
    void subscriptionsAcceptOnlyHttpUrlsAndKnownEvents() {
        given().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.com/x", "events", List.of("nope")))
                .post("/api/v1/webhooks").then().statusCode(422)
                .body("errors.field", equalTo(List.of("url", "events[0]")));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.com/x", "events", List.of()))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors.field", equalTo(List.of("events")));
        given().get("/api/v1/webhooks/nope/deliveries").then().statusCode(404);
    }
}
