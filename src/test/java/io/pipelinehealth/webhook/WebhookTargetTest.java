package io.pipelinehealth.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.identity.Bootstrap;
import io.pipelinehealth.support.Fixtures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Webhooks cannot reach inside: with private targets refused (the default outside tests). */
@QuarkusTest
@TestProfile(WebhookTargetTest.PrivateTargetsRefused.class)
class WebhookTargetTest {

    /** http stays allowed so that a missing address check would show as a request the receiver got. */
    public static class PrivateTargetsRefused implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pipeline-health.webhooks.allow-private-targets", "false",
                    "pipeline-health.webhooks.allow-http", "true");
        }
    }

    @Inject
    WebhookOutbox outbox;

    @Inject
    WebhookDispatcher dispatcher;

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({
            "https://127.0.0.1/hook, loopback address",
            "http://localhost:8080/hook, loopback address",
            "https://[::1]/hook, loopback address",
            "https://10.1.2.3/hook, private address",
            "https://172.16.0.1/hook, private address",
            "https://192.168.0.10/hook, private address",
            "https://[fd00::1]/hook, private address (unique local fc00::/7)",
            "http://169.254.169.254/latest/meta-data/, link-local address",
            "https://[fe80::1]/hook, link-local address",
            "https://224.0.0.1/hook, multicast address",
            "https://[ff02::1]/hook, multicast address",
            "https://0.0.0.0/hook, unspecified address",
            "https://[::]/hook, unspecified address",
            "https://[::ffff:127.0.0.1]/hook, loopback address",
            "https://[::ffff:169.254.169.254]/hook, link-local address",
            "https://100.64.0.1/hook, shared address space",
    })
    void registrationRefusesInternalTargets(String url, String reason) {
        given().contentType(ContentType.JSON).body(Map.of("url", url, "events", List.of("opportunity.frozen")))
                .post("/api/v1/webhooks").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.size()", equalTo(1))
                .body("errors[0].field", equalTo("url"))
                .body("errors[0].message", containsString(reason));
    }

    @Test
    void publicTargetsAreAccepted() {
        String id = given().contentType(ContentType.JSON)
                .body(Map.of("url", "https://192.0.2.10/hook", "events", List.of("opportunity.frozen")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
    }

    /**
     * A name can be re-pointed at an internal address after registration (DNS rebinding): the
     * subscription is stored as if it had passed then, and the attempt is refused and recorded.
     */
    @Test
    void deliveryRefusesATargetThatNowResolvesInside() throws Exception {
        try (Receiver receiver = new Receiver()) {
            String id = Fixtures.unique("wh");
            SubscriptionEntity row = new SubscriptionEntity();
            row.tenantId = Bootstrap.TENANT;
            row.id = id;
            row.url = "http://localhost:" + receiver.port() + "/hook";
            row.events = List.of(WebhookEvents.DISQUALIFIED);
            row.secret = "whsec_" + "A".repeat(44);
            row.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            // outside a request: the tenant is set explicitly, as background work does
            TenantContext.run(Bootstrap.TENANT, () -> {
                QuarkusTransaction.requiringNew().run(() -> row.persist());
                QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(Bootstrap.TENANT,
                        WebhookEvents.DISQUALIFIED, Map.of("opportunityId", id)));
            });

            Receiver.await("a refused attempt", () -> {
                dispatcher.dispatch();
                return deliveries(id).getInt("items[0].attempts") >= 1;
            });
            JsonPath log = deliveries(id);
            assertEquals("PENDING", log.getString("items[0].status"));
            assertTrue(log.getString("items[0].lastError")
                    .startsWith("target refused, no request sent: localhost resolves to 127.0.0.1, a loopback address"),
                    log.getString("items[0].lastError"));
            assertEquals(null, log.getString("items[0].lastStatusCode"));
            assertEquals(0, receiver.requests.size());
            given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        }
    }

    private static JsonPath deliveries(String subscription) {
        return given().get("/api/v1/webhooks/{id}/deliveries", subscription).then().statusCode(200).extract().jsonPath();
    }
}
