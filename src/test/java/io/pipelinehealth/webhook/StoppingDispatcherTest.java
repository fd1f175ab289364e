package io.pipelinehealth.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.lifecycle.BackgroundWork;
import io.pipelinehealth.support.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A graceful stop begins while the dispatcher is sending: the delivery in flight is finished and
 * recorded, the rest of its claimed batch is handed back at once (due again, no claim, no attempt
 * counted) instead of staying leased to a process that is going away, no new round starts, and
 * new requests are answered 503 "stopping". Its own profile: it leaves this application stopping.
 */
@QuarkusTest
@TestProfile(StoppingDispatcherTest.Stopping.class)
class StoppingDispatcherTest {

    public static class Stopping implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // only this test dispatches (no scheduled rounds racing it for the claims)
            return Map.of("pipeline-health.webhooks.dispatch-interval", "off");
        }
    }

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    WebhookOutbox outbox;

    @Inject
    BackgroundWork work;

    @Inject
    Event<ShutdownDelayInitiatedEvent> stopBegins;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theDeliveryInFlightIsFinishedAndTheRestHandedBack() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (Receiver receiver = new Receiver()) {
            // a tenant of its own: on a database the other tests used, the bootstrap tenant may hold
            // their undelivered messages, which a round would send first
            String tenant = Fixtures.unique("stopping");
            String admin = given().contentType(ContentType.JSON).body(Map.of("id", tenant, "name", "Stopping"))
                    .post("/api/v1/tenants").then().statusCode(201).extract().path("key.key");
            String id = given().header("Authorization", "Bearer " + admin).contentType(ContentType.JSON)
                    .body(Map.of("url", receiver.url(), "events", List.of(WebhookEvents.DISQUALIFIED)))
                    .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            String marker = Fixtures.unique("stop");
            TenantContext.run(tenant, () -> QuarkusTransaction.requiringNew().run(() -> {
                for (int i = 0; i < 3; i++) {
                    outbox.enqueue(tenant, WebhookEvents.DISQUALIFIED, Map.of("opportunityId", marker + "-" + i));
                }
            }));
            CountDownLatch inFlight = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            receiver.onEach(() -> {
                inFlight.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });

            Future<Integer> round = executor.submit(() -> TenantContext.call(tenant, () -> dispatcher.dispatch(tenant)));
            assertTrue(inFlight.await(20, TimeUnit.SECONDS), "a delivery in flight");
            stopBegins.fire(new ShutdownDelayInitiatedEvent()); // SIGTERM: the drain begins
            release.countDown();
            assertEquals(1, round.get(20, TimeUnit.SECONDS), "attempts in the round that was running");

            work.round("webhook dispatch", dispatcher::dispatch); // a round after the stop began: does nothing
            assertEquals(1, receiver.requests.size());
            List<String> rows = TenantContext.call(tenant, () -> rows(id));
            assertEquals(List.of("DELIVERED 1 claimed=false due=false", "PENDING 0 claimed=false due=true",
                    "PENDING 0 claimed=false due=true"), rows);

            // the drain delay (0 s in tests) is over: new requests are refused with a retry hint
            given().get("/api/v1/webhooks").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1").body("type", endsWith("/problems/stopping"));
        } finally {
            executor.shutdownNow();
        }
    }

    /** Status, attempts, whether a claim token is set and whether it is due now, in send order. */
    private List<String> rows(String subscription) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select status, attempts, claim_token is not null, "
                        + "next_attempt_at <= now() from webhook_delivery where subscription_id = '" + subscription
                        + "' order by status, delivery_id")) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1) + " " + rows.getInt(2) + " claimed=" + rows.getBoolean(3) + " due="
                        + rows.getBoolean(4));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
