package io.pipelinehealth.connector;

import static io.pipelinehealth.connector.ConnectorFixtures.fixture;
import static io.pipelinehealth.connector.ConnectorFixtures.stage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.MutableTestClock;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.identity.Bootstrap;
import io.pipelinehealth.support.ApiKeyExtension;
import io.pipelinehealth.support.Fixtures;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** HubSpot webhooks signed as HubSpot signs them (v3), computed here with the app's client secret. */
@QuarkusTest
class HubSpotConnectorTest {

    private static final String SECRET = "9a3c1f0e-hubspot-client-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    MutableTestClock clock;

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URL base;

    private String connector(String pipeline) {
        return ConnectorFixtures.create(ConnectorFixtures.body("HUBSPOT", List.of(
                stage("appointmentscheduled", pipeline, "qualify"),
                stage("qualifiedtobuy", pipeline, "discover"),
                stage("presentationscheduled", pipeline, "propose"),
                stage("decisionmakerboughtin", pipeline, "negotiate"),
                stage("closedwon", pipeline, "won"),
                stage("closedlost", pipeline, "lost")),
                Map.of("7001", "ana"), Map.of("dealtype", "type"), SECRET));
    }

    /** The fixture's events with these event ids, in this order, with an attempt number. */
    private static String events(String deal, int attempt, int... eventIds) throws Exception {
        JsonNode all = JSON.readTree(fixture("hubspot-deal-events.json", Map.of("deal", deal, "portal", deal.substring(0, 6))));
        ArrayNode chosen = JSON.createArrayNode();
        for (int id : eventIds) {
            for (JsonNode event : all) {
                if (event.get("eventId").asInt() == id) {
                    chosen.add(((com.fasterxml.jackson.databind.node.ObjectNode) event.deepCopy()).put("attemptNumber", attempt));
                }
            }
        }
        return JSON.writeValueAsString(chosen);
    }

    private ValidatableResponse send(String connector, String body, Instant timestamp, String secret) throws Exception {
        String uri = base.toString().replaceAll("/$", "") + "/api/v1/inbound/" + connector;
        String ts = Long.toString(timestamp.toEpochMilli());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(
                mac.doFinal(("POST" + uri + body + ts).getBytes(StandardCharsets.UTF_8)));
        return given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("application/json")
                .header("X-HubSpot-Signature-v3", signature).header("X-HubSpot-Request-Timestamp", ts)
                .body(body).post("/api/v1/inbound/{id}", connector).then();
    }

    private ValidatableResponse send(String connector, String body) throws Exception {
        return send(connector, body, clock.instant(), SECRET);
    }

    @Test
    void aDealsEventsOutOfOrderWithRetriesGiveTheVisitsOfItsStageHistory() throws Exception {
        String pipeline = Fixtures.createStandardPipeline();
        String connector = connector(pipeline);
        String deal = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));

        // creation, owner 7001 (ana), amount 5000, dealtype and the first stage
        send(connector, events(deal, 0, 410001, 410002, 410003, 410004, 410005)).statusCode(200)
                .body("received", equalTo(5)).body("stored", equalTo(1)).body("noted", equalTo(3))
                .body("ignoredCount", equalTo(1))
                .body("ignored[0].reason", equalTo("deal.creation has no stage and records nothing by itself"));
        // owner 7002 (not mapped: passes through) and amount 8000 from 10 January
        send(connector, events(deal, 0, 410007, 410008)).statusCode(200)
                .body("stored", equalTo(0)).body("noted", equalTo(2));
        // later events first: won on the 25th, then a stage this connector does not map
        send(connector, events(deal, 0, 410011, 410010)).statusCode(200)
                .body("stored", equalTo(1)).body("ignoredCount", equalTo(1))
                .body("ignored[0].reason", equalTo("dealstage contractsent is not mapped to a stage"));
        // HubSpot retries the first request (a higher attemptNumber): duplicates, nothing changes
        send(connector, events(deal, 1, 410001, 410002, 410003, 410004, 410005)).statusCode(200)
                .body("stored", equalTo(0)).body("duplicates", equalTo(4));
        // propose on the 20th, then discover on the 4th, which arrives last
        send(connector, events(deal, 0, 410009, 410006)).statusCode(200).body("stored", equalTo(2));

        // won skips negotiate (rule 5), attributed to the owner of the jumping event
        Fixtures.opportunity(deal, "2026-02-10T00:00:00Z").statusCode(200)
                .body("pipelineId", equalTo(pipeline))
                .body("state", equalTo("WON"))
                .body("ownerId", equalTo("7002"))
                .body("amount", equalTo(8000))
                .body("visits.stage", contains("qualify", "discover", "propose", "negotiate"))
                .body("visits.enteredAt", contains("2026-01-01T09:00:00Z", "2026-01-04T09:00:00Z", "2026-01-20T09:00:00Z",
                        "2026-01-25T09:00:00Z"))
                .body("visits.status", contains("ON_TRACK", "SLOW", "ON_TRACK", "SKIPPED"))
                .body("visits.ownerId", contains("ana", "ana", "7002", "7002"))
                .body("attributes.type", equalTo("newbusiness"));
        Fixtures.opportunity(deal, "2026-01-05T00:00:00Z").statusCode(200).body("amount", equalTo(5000));

        // what arrived and what it became
        given().queryParam("limit", 100).get("/api/v1/connectors/{id}/log", connector).then().statusCode(200)
                .body("items.outcome", hasItems("STORED", "DUPLICATE", "NOTED", "IGNORED"))
                .body("items.eventId", hasItem("hubspot-" + deal.substring(0, 6) + "-410011"));
    }

    /**
     * One transaction: a failure after the events are stored (here the connector's log refused by a
     * trigger this test creates) leaves nothing behind, neither the events nor HubSpot's deal
     * properties, so HubSpot's retry stores everything as if it were the first attempt.
     */
    @Test
    void aFailureAfterTheEventsRollsBackEventsDealPropertiesAndLogTogether() throws Exception {
        String pipeline = Fixtures.createStandardPipeline();
        String connector = connector(pipeline);
        String deal = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        String body = events(deal, 0, 410001, 410002, 410003, 410004, 410005);

        asOwner("create function fail_log_" + connector.replace('-', '_') + "() returns trigger language plpgsql as $$ "
                + "begin raise exception 'injected failure after the events'; end $$",
                "create trigger fail_log before insert on connector_log for each row when (new.connector_id = '"
                        + connector + "') execute function fail_log_" + connector.replace('-', '_') + "()");
        try {
            send(connector, body).statusCode(500).contentType("application/problem+json");
        } finally {
            asOwner("drop trigger fail_log on connector_log",
                    "drop function fail_log_" + connector.replace('-', '_') + "()");
        }
        Fixtures.opportunity(deal, "2026-02-10T00:00:00Z").statusCode(404);
        given().get("/api/v1/connectors/{id}/log", connector).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        assertEquals(0, TenantContext.call(Bootstrap.TENANT, () -> count(
                "select count(*) from connector_deal_property where connector_id = '" + connector + "'")));
        assertEquals(0, TenantContext.call(Bootstrap.TENANT, () -> count(
                "select count(*) from transition_event where opportunity_id = '" + deal + "'")));

        // the retry finds nothing stored before: the answer of a first attempt
        send(connector, events(deal, 1, 410001, 410002, 410003, 410004, 410005)).statusCode(200)
                .body("stored", equalTo(1)).body("noted", equalTo(3)).body("duplicates", equalTo(0));
        Fixtures.opportunity(deal, "2026-01-05T00:00:00Z").statusCode(200).body("amount", equalTo(5000))
                .body("attributes.type", equalTo("newbusiness"));
        assertEquals(4, TenantContext.call(Bootstrap.TENANT, () -> count(
                "select count(*) from connector_deal_property where connector_id = '" + connector + "'")));
    }

    /** DDL as the login user (the schema owner), not as the service's row-level-security role. */
    private void asOwner(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("reset role");
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private long count(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStageChangeBeforeAnyOwnerIsUnassignedAndTheLogSaysSo() throws Exception {
        String pipeline = Fixtures.createStandardPipeline();
        String connector = connector(pipeline);
        String deal = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        send(connector, events(deal, 0, 410005)).statusCode(200).body("stored", equalTo(1));
        Fixtures.opportunity(deal, "2026-01-02T00:00:00Z").statusCode(200)
                .body("visits.ownerId", contains("unassigned"));
        given().get("/api/v1/connectors/{id}/log", connector).then().statusCode(200)
                .body("items[0].outcome", equalTo("STORED"))
                .body("items[0].detail", equalTo("owner not yet known at 2026-01-01T09:00:00Z: stored as unassigned"));
    }

    @Test
    void badSignatureStaleTimestampAndWrongSecretAre401AndStoreNothing() throws Exception {
        String pipeline = Fixtures.createStandardPipeline();
        String connector = connector(pipeline);
        String deal = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        String body = events(deal, 0, 410005);
        clock.set(Instant.parse("2026-03-01T12:00:00Z"));

        send(connector, body, clock.instant(), "not-the-secret").statusCode(401)
                .contentType("application/problem+json").body("type", endsWith("/problems/invalid-signature"));
        send(connector, body, clock.instant().minus(Duration.ofMinutes(5)).minusSeconds(1), SECRET).statusCode(401)
                .body("detail", equalTo("X-HubSpot-Request-Timestamp is more than 5 minutes away from the server clock"));
        // a body changed after signing
        String ts = Long.toString(clock.instant().toEpochMilli());
        given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("application/json")
                .header("X-HubSpot-Signature-v3", "AAAA").header("X-HubSpot-Request-Timestamp", ts)
                .body(body).post("/api/v1/inbound/{id}", connector).then().statusCode(401);
        given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("application/json").body(body)
                .post("/api/v1/inbound/{id}", connector).then().statusCode(401);
        Fixtures.opportunity(deal, "2026-03-01T00:00:00Z").statusCode(404);

        // 4 minutes 59 seconds old is still accepted
        send(connector, body, clock.instant().minus(Duration.ofMinutes(4)).minusSeconds(59), SECRET).statusCode(200)
                .body("stored", equalTo(1));
    }

    /** Behind a proxy HubSpot signed the public URI, which the forwarded headers name. */
    @Test
    void theSignedUriIsTheForwardedOneWhenAProxySendsIt() throws Exception {
        String connector = connector(Fixtures.createStandardPipeline());
        String deal = Long.toString(ThreadLocalRandom.current().nextLong(1_000_000_000L, 9_000_000_000L));
        String body = events(deal, 0, 410005);
        String ts = Long.toString(clock.instant().toEpochMilli());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(("POST" + "https://crm-hooks.example.com/api/v1/inbound/"
                + connector + body + ts).getBytes(StandardCharsets.UTF_8)));
        given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("application/json")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "crm-hooks.example.com")
                .header("X-HubSpot-Signature-v3", signature).header("X-HubSpot-Request-Timestamp", ts)
                .body(body).post("/api/v1/inbound/{id}", connector).then().statusCode(200).body("stored", equalTo(1));
        // the same signature over the address the service itself saw does not match
        given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("application/json")
                .header("X-HubSpot-Signature-v3", signature).header("X-HubSpot-Request-Timestamp", ts)
                .body(body).post("/api/v1/inbound/{id}", connector).then().statusCode(401);
    }

    @Test
    void unknownConnectorIs404AndMalformedEventsAre400() throws Exception {
        given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("application/json").body("[]")
                .post("/api/v1/inbound/{id}", "con_00000000000000000000000000000000").then().statusCode(404)
                .contentType("application/problem+json").body("type", endsWith("/problems/connector-not-found"));
        String connector = connector(Fixtures.createStandardPipeline());
        send(connector, "{\"eventId\": 1}").statusCode(400).contentType("application/problem+json");
        send(connector, "[{\"eventId\": 1, \"portalId\": 2}]").statusCode(400)
                .body("errors.field", hasItems("objectId", "occurredAt", "subscriptionType"));
        send(connector, "[{").statusCode(400);
    }

    @Test
    void theSecretIsNeverReturned() {
        String connector = connector(Fixtures.createStandardPipeline());
        given().get("/api/v1/connectors/{id}", connector).then().statusCode(200)
                .body("$", not(hasKey("secret")))
                .body("inboundUrl", equalTo(base.toString().replaceAll("/$", "") + "/api/v1/inbound/" + connector));
        given().get("/api/v1/connectors").then().statusCode(200).body("items.secret", not(hasItem(SECRET)));
    }
}
