package io.pipelinehealth.connector;

import static io.pipelinehealth.connector.ConnectorFixtures.fixture;
import static io.pipelinehealth.connector.ConnectorFixtures.stage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.pipelinehealth.support.ApiKeyExtension;
import io.pipelinehealth.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Salesforce OpportunityHistory exports as Data Loader writes them, uploaded with our keys. */
@QuarkusTest
class SalesforceConnectorTest {

    /** Salesforce's default sales process, as our stages (Id. Decision Makers is left unmapped). */
    private static String pipeline() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Salesforce sales process");
        List<Map<String, Object>> stages = new ArrayList<>();
        for (String key : List.of("prospecting", "qualification", "needs-analysis", "value-proposition", "proposal",
                "negotiation")) {
            stages.add(Map.of("key", key, "standard", "P5D"));
        }
        stages.add(Map.of("key", "won", "kind", "WON"));
        stages.add(Map.of("key", "lost", "kind", "LOST"));
        body.put("stages", stages);
        return Fixtures.createPipeline(body);
    }

    private static String connector(String pipeline) {
        return ConnectorFixtures.create(ConnectorFixtures.body("SALESFORCE_CSV", List.of(
                stage("Prospecting", pipeline, "prospecting"), stage("Qualification", pipeline, "qualification"),
                stage("Needs Analysis", pipeline, "needs-analysis"), stage("Value Proposition", pipeline, "value-proposition"),
                stage("Proposal/Price Quote", pipeline, "proposal"), stage("Negotiation/Review", pipeline, "negotiation"),
                stage("Closed Won", pipeline, "won"), stage("Closed Lost", pipeline, "lost")),
                Map.of("005000000000AnaAAA", "ana"), null, null));
    }

    private static String key(String role) {
        return given().contentType(ContentType.JSON).body(Map.of("name", "sf " + role, "roles", List.of(role)))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
    }

    private static RequestSpecification as(String key) {
        return given().header("Authorization", ApiKeyExtension.bearer(key));
    }

    @Test
    void anExportWithTheStandardStagesGivesTheVisitsByLineAndListsWhatItLeftOut() {
        String pipeline = pipeline();
        String connector = connector(pipeline);
        String run = UUID.randomUUID().toString().substring(0, 8);
        String csv = fixture("salesforce-opportunity-history.csv", Map.of("run", run));
        String ingest = key("ingest");

        as(ingest).contentType("text/csv").body(csv).post("/api/v1/inbound/{id}", connector).then().statusCode(200)
                .body("received", equalTo(12)).body("stored", equalTo(10)).body("duplicates", equalTo(0))
                .body("ignoredCount", equalTo(1)).body("ignored[0].line", equalTo(6))
                .body("ignored[0].reason", equalTo("StageName 'Id. Decision Makers' is not mapped to a stage"))
                .body("refusedCount", equalTo(1)).body("refused[0].line", equalTo(13));
        // the same export again: every row a duplicate
        as(ingest).contentType("text/csv").body(csv).post("/api/v1/inbound/{id}", connector).then().statusCode(200)
                .body("stored", equalTo(0)).body("duplicates", equalTo(10));

        Fixtures.opportunity("006" + run + "A", "2026-03-01T00:00:00Z").statusCode(200)
                .body("state", equalTo("WON")).body("ownerId", equalTo("ana")).body("amount", equalTo(25000))
                .body("visits.stage", contains("prospecting", "qualification", "needs-analysis", "value-proposition",
                        "proposal", "negotiation"))
                .body("visits.enteredAt", contains("2026-01-05T09:00:00Z", "2026-01-07T09:00:00Z", "2026-01-12T09:00:00Z",
                        "2026-01-20T09:00:00Z", "2026-01-23T09:00:00Z", "2026-01-28T09:00:00Z"))
                .body("visits.status", contains("RUSHED", "ON_TRACK", "SLOW", "ON_TRACK", "ON_TRACK", "ON_TRACK"));
        Fixtures.opportunity("006" + run + "B", "2026-03-01T00:00:00Z").statusCode(200)
                .body("state", equalTo("LOST")).body("ownerId", equalTo("005000000000BobAAA"))
                .body("visits.status", contains("RUSHED", "SLOW"));

        given().get("/api/v1/connectors/{id}/log", connector).then().statusCode(200)
                .body("items.source", hasItems("line 6", "line 13", "lines 2-12"));
    }

    @Test
    void anExportNeedsAnIngestKeyOfTheConnectorsTenant() {
        String connector = connector(pipeline());
        String csv = fixture("salesforce-opportunity-history.csv", Map.of("run", UUID.randomUUID().toString().substring(0, 8)));
        given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("text/csv").body(csv)
                .post("/api/v1/inbound/{id}", connector).then().statusCode(401).contentType("application/problem+json");
        as(key("read")).contentType("text/csv").body(csv).post("/api/v1/inbound/{id}", connector).then().statusCode(403);
        String otherTenant = given().contentType(ContentType.JSON)
                .body(Map.of("id", Fixtures.unique("sf-other"), "name", "Other")).post("/api/v1/tenants")
                .then().statusCode(201).extract().path("key.key");
        as(otherTenant).contentType("text/csv").body(csv).post("/api/v1/inbound/{id}", connector).then().statusCode(404)
                .contentType("application/problem+json");
        as("ph_not-a-key-0123456789abcdef0123").contentType("text/csv").body(csv).post("/api/v1/inbound/{id}", connector).then().statusCode(401);
    }

    @Test
    void aMissingColumnIs400() {
        String connector = connector(pipeline());
        as(key("ingest")).contentType("text/csv").body("Id,OpportunityId,CreatedDate\n008x,006x,2026-01-05T09:00:00.000Z\n")
                .post("/api/v1/inbound/{id}", connector).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", contains("StageName"));
    }

    /**
     * In a tenant of its own: its 10,001 open deals freeze, and in the shared tenant the frozen
     * scans of other tests would have to announce every one of them.
     */
    @Test
    void anExportOfMoreThanOneBatchIsStoredBatchByBatch() {
        String admin = given().contentType(ContentType.JSON).body(Map.of("id", Fixtures.unique("sf-big"), "name", "Big"))
                .post("/api/v1/tenants").then().statusCode(201).extract().path("key.key");
        as(admin).contentType(ContentType.JSON).body(Map.of("name", "Salesforce", "stages", List.of(
                Map.of("key", "prospecting", "standard", "P5D"), Map.of("key", "qualification", "standard", "P5D"),
                Map.of("key", "won", "kind", "WON")))).put("/api/v1/pipelines/sf").then().statusCode(201);
        String connector = as(admin).contentType(ContentType.JSON).body(ConnectorFixtures.body("SALESFORCE_CSV", List.of(
                stage("Prospecting", "sf", "prospecting"), stage("Qualification", "sf", "qualification")), null, null, null))
                .post("/api/v1/connectors").then().statusCode(201).extract().path("id");
        String run = UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("Id,OpportunityId,StageName,CreatedDate,OwnerId,Amount\n");
        int deals = 10_001;
        for (int i = 0; i < deals; i++) {
            csv.append("h").append(run).append(i).append("a,o").append(run).append(i)
                    .append(",Prospecting,2026-01-05T09:00:00.000Z,005000000000AnaAAA,100\n");
            csv.append("h").append(run).append(i).append("b,o").append(run).append(i)
                    .append(",Qualification,2026-01-08T09:00:00.000+0000,005000000000AnaAAA,100\n");
        }
        as(admin).contentType("text/csv").body(csv.toString()).post("/api/v1/inbound/{id}", connector).then().statusCode(200)
                .body("received", equalTo(2 * deals)).body("stored", equalTo(2 * deals)).body("refusedCount", equalTo(0));
        as(admin).queryParam("asOf", "2026-02-01T00:00:00Z").get("/api/v1/opportunities/{id}", "o" + run + (deals - 1))
                .then().statusCode(200)
                .body("visits.stage", contains("prospecting", "qualification"))
                .body("visits.status", contains("ON_TRACK", "FROZEN"));
        as(admin).get("/api/v1/connectors/{id}/log", connector).then().statusCode(200)
                .body("items.source", contains("lines 20002-20003", "lines 10002-20001", "lines 2-10001"));
    }
}
