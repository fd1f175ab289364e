package io.pipelinehealth.connector;

import static io.pipelinehealth.connector.ConnectorFixtures.fixture;
import static io.pipelinehealth.connector.ConnectorFixtures.stage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.pipelinehealth.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** Pipedrive webhooks v2 as Pipedrive sends them, with the HTTP basic auth set on the webhook. */
@QuarkusTest
class PipedriveConnectorTest {

    private static final String SECRET = "pd-hook:s3cret-Pa55";

    private static String connector(String pipeline) {
        return ConnectorFixtures.create(ConnectorFixtures.body("PIPEDRIVE", List.of(
                stage("1", pipeline, "qualify"), stage("2", pipeline, "discover"), stage("3", pipeline, "propose"),
                stage("4", pipeline, "negotiate"), stage("status:won", pipeline, "won"),
                stage("status:lost", pipeline, "lost")),
                Map.of("8001", "ana"), Map.of("region", "region"), SECRET));
    }

    private static String deal() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 900_000_000L));
    }

    private static String created(String deal, String owner, String stage, String time) {
        return fixture("pipedrive-deal-create.json", Map.of("deal", deal, "owner", owner, "stage", stage, "time", time));
    }

    private static String changed(String deal, String owner, String stage, String status, String stageChangeTime,
            String updateTime, String previous) {
        return fixture("pipedrive-deal-change.json", Map.of("deal", deal, "owner", owner, "stage", stage, "status", status,
                "stage_change_time", stageChangeTime, "update_time", updateTime, "previous", previous));
    }

    private static ValidatableResponse send(String connector, String body, String credentials) {
        return given().header("Authorization", "Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .contentType("application/json").body(body).post("/api/v1/inbound/{id}", connector).then();
    }

    @Test
    void createStageChangesWonAndLostGiveTheDealsVisits() {
        String pipeline = Fixtures.createStandardPipeline();
        String connector = connector(pipeline);
        String won = deal();
        String lost = deal();

        send(connector, created(won, "8001", "1", "2026-01-01T09:00:00Z"), SECRET).statusCode(200)
                .body("stored", equalTo(1));
        send(connector, changed(won, "8001", "2", "open", "2026-01-03T09:00:00Z", "2026-01-03T09:00:00Z",
                "{\"stage_id\": 1}"), SECRET).statusCode(200).body("stored", equalTo(1));
        String toPropose = changed(won, "8001", "3", "open", "2026-01-10T09:00:00Z", "2026-01-10T09:00:00Z",
                "{\"stage_id\": 2}");
        send(connector, toPropose, SECRET).statusCode(200).body("stored", equalTo(1));
        // Pipedrive redelivers: the same deal, target stage and time is the same event
        send(connector, toPropose, SECRET).statusCode(200).body("stored", equalTo(0)).body("duplicates", equalTo(1));
        send(connector, changed(won, "8001", "3", "won", "2026-01-10T09:00:00Z", "2026-01-15T09:00:00Z",
                "{\"status\": \"open\"}"), SECRET).statusCode(200).body("stored", equalTo(1));

        send(connector, created(lost, "8002", "2", "2026-01-01T09:00:00Z"), SECRET).statusCode(200);
        send(connector, changed(lost, "8002", "2", "lost", "2026-01-01T09:00:00Z", "2026-01-20T09:00:00Z",
                "{\"status\": \"open\"}"), SECRET).statusCode(200).body("stored", equalTo(1));
        // a stage nobody mapped: answered 200 so Pipedrive does not retry, and listed
        send(connector, changed(lost, "8002", "99", "lost", "2026-01-21T09:00:00Z", "2026-01-21T09:00:00Z",
                "{\"stage_id\": 2}"), SECRET).statusCode(200).body("stored", equalTo(0))
                .body("ignored[0].reason", equalTo("Pipedrive stage 99 is not mapped to a stage"));

        Fixtures.opportunity(won, "2026-02-01T00:00:00Z").statusCode(200)
                .body("state", equalTo("WON"))
                .body("amount", equalTo(12000)).body("currency", equalTo("EUR"))
                .body("attributes.region", equalTo("south"))
                .body("visits.stage", contains("qualify", "discover", "propose", "negotiate"))
                .body("visits.enteredAt", contains("2026-01-01T09:00:00Z", "2026-01-03T09:00:00Z", "2026-01-10T09:00:00Z",
                        "2026-01-15T09:00:00Z"))
                .body("visits.status", contains("RUSHED", "ON_TRACK", "ON_TRACK", "SKIPPED"))
                .body("visits.ownerId", contains("ana", "ana", "ana", "ana"));
        Fixtures.opportunity(lost, "2026-02-01T00:00:00Z").statusCode(200)
                .body("state", equalTo("LOST"))
                .body("ownerId", equalTo("8002"))
                .body("visits.stage", contains("discover"))
                .body("visits.status", contains("SLOW"));
    }

    @Test
    void wrongOrMissingBasicAuthIs401AndStoresNothing() {
        String connector = connector(Fixtures.createStandardPipeline());
        String deal = deal();
        String body = created(deal, "8001", "1", "2026-01-01T09:00:00Z");
        send(connector, body, "pd-hook:wrong").statusCode(401).contentType("application/problem+json")
                .body("type", endsWith("/problems/invalid-credentials"));
        send(connector, body, "someone:" + SECRET.substring(SECRET.indexOf(':') + 1)).statusCode(401);
        given().contentType("application/json").header("Authorization", "none").body(body)
                .post("/api/v1/inbound/{id}", connector).then().statusCode(401);
        // our own bearer key is not Pipedrive's credential either
        given().contentType("application/json").body(body).post("/api/v1/inbound/{id}", connector).then().statusCode(401);
        Fixtures.opportunity(deal, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void malformedPayloadsAre400AndStoreNothing() {
        String connector = connector(Fixtures.createStandardPipeline());
        String deal = deal();
        send(connector, "[]", SECRET).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/malformed-payload"));
        send(connector, "{\"meta\": {\"action\": \"create\", \"entity\": \"deal\"}, \"data\": {\"stage_id\": 1, \"id\": "
                + deal + "}}", SECRET).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/malformed-payload"));
        send(connector, created(deal, "8001", "1", "yesterday"), SECRET).statusCode(400)
                .contentType("application/problem+json").body("type", endsWith("/problems/malformed-payload"));
        send(connector, "{\"meta\": ", SECRET).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/malformed-payload"));
        Fixtures.opportunity(deal, "2026-02-01T00:00:00Z").statusCode(404);
    }
}
