package io.pipelinehealth.odata;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.support.ApiKeyExtension;
import io.pipelinehealth.support.PinnedClock;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.olingo.client.api.ODataClient;
import org.apache.olingo.client.api.communication.request.retrieve.ODataEntitySetRequest;
import org.apache.olingo.client.api.domain.ClientEntity;
import org.apache.olingo.client.api.domain.ClientEntitySet;
import org.apache.olingo.client.api.domain.ClientProperty;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.client.core.http.BasicAuthHttpClientFactory;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.EdmEntitySet;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.junit.jupiter.api.Test;

/** /odata/ read by Apache Olingo's OData v4 client with HTTP Basic (the key as password), as a BI tool would. */
@QuarkusTest
@PinnedClock("2026-03-01T00:00:00Z")
class ODataTest {

    @TestHTTPResource("/odata")
    URL odata;

    private ODataClient client() {
        ODataClient client = ODataClientFactory.getClient();
        client.getConfiguration().setHttpClientFactory(new BasicAuthHttpClientFactory("powerbi", ApiKeyExtension.TEST_KEY));
        return client;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aClientReadsTheMetadataFiltersByPipelineAndDateAndPagesToTheEnd() {
        String pipeline = createStandardPipeline();
        String other = createStandardPipeline();
        for (int i = 0; i < 3; i++) {
            post(history(unique("d" + i), pipeline, "ana", "qualify", "2026-01-0" + (i + 1) + "T00:00:00Z", "discover",
                    "2026-01-1" + i + "T00:00:00Z")).statusCode(200);
        }
        post(history(unique("x"), other, "ana", "qualify", "2026-01-05T00:00:00Z")).statusCode(200);
        post(history(unique("early"), pipeline, "ana", "qualify", "2025-12-01T00:00:00Z")).statusCode(200);

        ODataClient client = client();
        String base = odata.toString();
        Edm edm = client.getRetrieveRequestFactory().getMetadataRequest(base).execute().getBody();
        EdmEntitySet visits = edm.getEntityContainer().getEntitySet("Visits");
        EdmEntityType visit = visits.getEntityType();
        assertEquals(List.of("visitKey"), visit.getKeyPredicateNames());
        assertEquals("Edm.DateTimeOffset", visit.getStructuralProperty("enteredAt").getType().getFullQualifiedName()
                .getFullQualifiedNameAsString());
        assertNotNull(edm.getEntityContainer().getEntitySet("RepStageRows"));
        assertNotNull(edm.getEntityContainer().getEntitySet("Pipelines"));

        URI uri = client.newURIBuilder(base).appendEntitySetSegment("Visits")
                .filter("pipelineId eq '" + pipeline + "' and enteredAt ge 2026-01-01T00:00:00Z").build();
        List<ClientEntity> read = new ArrayList<>();
        int pages = 0;
        while (uri != null) {
            ODataEntitySetRequest<ClientEntitySet> request = client.getRetrieveRequestFactory().getEntitySetRequest(uri);
            request.setPrefer(client.newPreferences().maxPageSize(2));
            ClientEntitySet page = request.execute().getBody();
            read.addAll(page.getEntities());
            uri = page.getNext();
            pages++;
        }
        assertEquals(3, pages, "6 visits, 2 a page");
        Map<String, Map<String, Object>> viaOData = new HashMap<>();
        for (ClientEntity entity : read) {
            Map<String, Object> row = new HashMap<>();
            for (ClientProperty property : entity.getProperties()) {
                Object value = property.hasNullValue() ? null : property.getPrimitiveValue().toValue();
                row.put(property.getName(), value == null ? null : value.toString());
            }
            viaOData.put((String) row.get("visitKey"), row);
        }
        // the same rows as the REST feed with the same window
        List<Map<String, Object>> feed = given().queryParam("pipelineId", pipeline)
                .queryParam("enteredFrom", "2026-01-01T00:00:00Z").get("/api/v1/visits").then().statusCode(200)
                .extract().jsonPath().getList("items");
        assertEquals(6, feed.size());
        assertEquals(feed.size(), viaOData.size());
        for (Map<String, Object> row : feed) {
            Map<String, Object> o = viaOData.get((String) row.get("visitKey"));
            assertNotNull(o, "visit " + row.get("visitKey"));
            for (String field : List.of("opportunityId", "pipelineId", "stage", "ownerId", "actualSeconds",
                    "standardSeconds", "deviationSeconds", "status", "timeBasis")) {
                assertEquals(String.valueOf(row.get(field)), String.valueOf(o.get(field)), field);
            }
            assertEquals(Instant.parse((String) row.get("enteredAt")), instant(o.get("enteredAt")));
        }

        ClientEntitySet pipelines = client.getRetrieveRequestFactory().getEntitySetRequest(
                client.newURIBuilder(base).appendEntitySetSegment("Pipelines").filter("id eq '" + pipeline + "'").build())
                .execute().getBody();
        assertEquals(1, pipelines.getEntities().size());
        assertEquals("CALENDAR", pipelines.getEntities().get(0).getProperty("timeBasis").getPrimitiveValue().toString());
        ClientEntitySet reps = client.getRetrieveRequestFactory().getEntitySetRequest(
                client.newURIBuilder(base).appendEntitySetSegment("RepStageRows")
                        .filter("pipelineId eq '" + pipeline + "'").build()).execute().getBody();
        assertTrue(reps.getEntities().stream().allMatch(e -> "ana".equals(
                e.getProperty("ownerId").getPrimitiveValue().toString())));
        assertTrue(!reps.getEntities().isEmpty());
    }

    private static Instant instant(Object value) {
        // Olingo gives a java.sql.Timestamp (or a Calendar) as text; compare instants
        if (value instanceof String text && text.contains("T")) {
            return Instant.parse(text);
        }
        return java.sql.Timestamp.valueOf((String) value).toInstant();
    }

    @Test
    void selectCountAndTopFollowTheSpec() {
        String pipeline = createStandardPipeline();
        post(history(unique("d"), pipeline, "bob", "qualify", "2026-01-01T00:00:00Z", "propose", "2026-01-05T00:00:00Z"))
                .statusCode(200);
        var body = given().header("Authorization", basic("excel", ApiKeyExtension.TEST_KEY))
                .queryParam("$filter", "pipelineId eq '" + pipeline + "'").queryParam("$select", "visitKey,stage")
                .queryParam("$count", "true").queryParam("$top", "2").queryParam("$orderby", "visitKey")
                .get("/odata/Visits").then().statusCode(200).header("OData-Version", "4.0").extract().jsonPath();
        assertEquals(3, body.getInt("'@odata.count'"));
        assertEquals(2, body.getList("value").size());
        assertEquals(List.of("stage", "visitKey"), body.<Map<String, Object>>getList("value").get(0).keySet().stream()
                .sorted().toList());
        org.junit.jupiter.api.Assertions.assertNull(body.get("'@odata.nextLink'"), "$top=2 is done after one page of 2");
        given().header("Authorization", basic("excel", ApiKeyExtension.TEST_KEY)).get("/odata/").then().statusCode(200)
                .body("value.name", equalTo(List.of("Visits", "RepStageRows", "Pipelines")));
    }

    @Test
    void badInputIsA400InTheODataErrorFormat() {
        String auth = basic("tableau", ApiKeyExtension.TEST_KEY);
        given().header("Authorization", auth).queryParam("$filter", "amount eq '1'").get("/odata/Visits").then()
                .statusCode(400).body("error.code", equalTo("BadRequest"))
                .body("error.message", containsString("'amount' is not a filterable property"));
        given().header("Authorization", auth).queryParam("$filter", "stage eq 'qualify' or stage eq 'won'")
                .get("/odata/Visits").then().statusCode(400).body("error.code", equalTo("BadRequest"));
        given().header("Authorization", auth).queryParam("$filter", "stage eq 'qualify").get("/odata/Visits").then()
                .statusCode(400).body("error.message", containsString("unterminated"));
        given().header("Authorization", auth).queryParam("$filter", "enteredAt ge yesterday").get("/odata/Visits").then()
                .statusCode(400).body("error.message", containsString("date-time"));
        given().header("Authorization", auth).queryParam("$top", "10001").get("/odata/Visits").then().statusCode(400)
                .body("error.message", containsString("$top must be a whole number from 0 to 10000"));
        given().header("Authorization", auth).queryParam("$orderby", "stage desc").get("/odata/Visits").then()
                .statusCode(400);
        given().header("Authorization", auth).queryParam("$skiptoken", "forged.token").get("/odata/Visits").then()
                .statusCode(400).body("error.code", equalTo("BadRequest"));
        given().header("Authorization", auth).queryParam("$expand", "x").get("/odata/Visits").then().statusCode(400);
        given().header("Authorization", auth).get("/odata/Nope").then().statusCode(404).body("error.code", equalTo("NotFound"));
    }

    @Test
    void anotherTenantSeesNoneOfTheseVisits() {
        String pipeline = createStandardPipeline();
        post(history(unique("d"), pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        String tenant = unique("t");
        String other = given().contentType("application/json").body(Map.of("id", tenant, "name", "Tenant " + tenant))
                .post("/api/v1/tenants").then().statusCode(201).extract().path("key.key");
        String filter = "(pipelineId eq '" + pipeline + "')and(enteredAt ge 2025-01-01T00:00:00Z)";
        given().header("Authorization", basic("x", ApiKeyExtension.TEST_KEY)).queryParam("$filter", filter)
                .get("/odata/Visits").then().statusCode(200).body("value.size()", equalTo(1));
        given().header("Authorization", basic("x", other)).queryParam("$filter", filter).get("/odata/Visits").then()
                .statusCode(200).body("value.size()", equalTo(0));
        given().header("Authorization", "Bearer " + other).queryParam("pipelineId", pipeline).get("/api/v1/visits")
                .then().statusCode(404);
    }

    @Test
    void basicWithAKeyAsPasswordIsTheOnlyWayInBesidesBearer() {
        given().header("Authorization", ApiKeyExtension.NO_KEY).get("/odata/Visits").then().statusCode(401)
                .header("WWW-Authenticate", containsString("Basic"));
        given().header("Authorization", basic("anyone", "ph_not-a-key")).get("/odata/Visits").then().statusCode(401);
        // never a key in the query string
        given().header("Authorization", ApiKeyExtension.NO_KEY).queryParam("key", ApiKeyExtension.TEST_KEY)
                .get("/odata/Visits").then().statusCode(401);
        // Basic is for /odata/ only
        given().header("Authorization", basic("anyone", ApiKeyExtension.TEST_KEY)).get("/api/v1/pipelines").then()
                .statusCode(401);
    }
}
