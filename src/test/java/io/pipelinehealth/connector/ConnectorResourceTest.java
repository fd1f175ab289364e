package io.pipelinehealth.connector;

import static io.pipelinehealth.connector.ConnectorFixtures.stage;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.pipelinehealth.support.ApiKeyExtension;
import io.pipelinehealth.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The connector resource: create, replace, delete, validation and the audit trail. */
@QuarkusTest
class ConnectorResourceTest {

    @Test
    void createReplaceAndDeleteAreAuditedAndADeletedConnectorIsGone() {
        String pipeline = Fixtures.createStandardPipeline();
        Map<String, Object> body = ConnectorFixtures.body("PIPEDRIVE", List.of(stage("1", pipeline, "qualify")),
                null, null, "hook:first-password");
        String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/connectors").then().statusCode(201)
                .body("id", matchesPattern("con_[0-9a-f]{32}")).body("kind", equalTo("PIPEDRIVE"))
                .extract().path("id");

        Map<String, Object> replaced = ConnectorFixtures.body("PIPEDRIVE", List.of(stage("1", pipeline, "qualify"),
                stage("2", pipeline, "discover")), Map.of("8001", "ana"), null, "hook:second-password");
        given().contentType(ContentType.JSON).body(replaced).put("/api/v1/connectors/{id}", id).then().statusCode(200)
                .body("stages.crmStage", contains("1", "2")).body("owners.8001", equalTo("ana"));
        given().get("/api/v1/connectors/{id}", id).then().statusCode(200).body("stages.stage", contains("qualify", "discover"));

        given().delete("/api/v1/connectors/{id}", id).then().statusCode(204);
        given().get("/api/v1/connectors/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("application/json").body("{}")
                .post("/api/v1/inbound/{id}", id).then().statusCode(404);
        given().queryParam("limit", 50).get("/api/v1/audit").then().statusCode(200)
                .body("items.findAll { it.target == '" + id + "' }.action",
                        contains("connector.delete", "connector.update", "connector.create"));
    }

    @Test
    void anInvalidConnectorIs422NamingEachField() {
        given().contentType(ContentType.JSON).body(Map.of("kind", "HUBSPOT", "name", "x",
                "stages", List.of(stage("a", "no-such-pipeline", "qualify")))).post("/api/v1/connectors").then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("stages[0].pipelineId", "secret"));
        String pipeline = Fixtures.createStandardPipeline();
        given().contentType(ContentType.JSON).body(ConnectorFixtures.body("PIPEDRIVE", List.of(stage("1", pipeline, "nope"),
                stage("1", pipeline, "qualify")), null, null, "no-colon")).post("/api/v1/connectors").then()
                .statusCode(422).body("errors.field", hasItems("stages[0].stage", "stages[1].crmStage", "secret"));
        given().contentType(ContentType.JSON).body(ConnectorFixtures.body("SALESFORCE_CSV", List.of(stage("Prospecting",
                pipeline, "qualify")), null, null, "user:pw")).post("/api/v1/connectors").then()
                .statusCode(422).body("errors.field", contains("secret"));
    }

    @Test
    void aWebhookBodyToAnExportConnectorIs415() {
        String pipeline = Fixtures.createStandardPipeline();
        String id = ConnectorFixtures.create(ConnectorFixtures.body("SALESFORCE_CSV",
                List.of(stage("Prospecting", pipeline, "qualify")), null, null, null));
        given().header("Authorization", ApiKeyExtension.NO_KEY).contentType("application/json").body("[]")
                .post("/api/v1/inbound/{id}", id).then().statusCode(415).contentType("application/problem+json")
                .body("type", endsWith("/problems/unsupported-media-type"))
                .body("detail", containsString("text/csv"));
        // nothing reached the connector's log
        given().get("/api/v1/connectors/{id}/log", id).then().statusCode(200).body("items", hasSize(0));
    }
}
