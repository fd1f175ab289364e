package io.pipelinehealth.web;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 405 names the methods that exist; a body of no or an unreadable media type is a 415 naming the accepted ones. */
@QuarkusTest
class MethodAndMediaTypeTest {

    private static final String PROBLEM = "application/problem+json";

    /** A request REST Assured would correct: any Content-Type header, or none. */
    private static HttpResponse<String> send(String method, String path, String contentType, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String event(String eventId, String opportunityId, String pipeline) {
        return "[{\"eventId\":\"" + eventId + "\",\"opportunityId\":\"" + opportunityId + "\",\"pipelineId\":\""
                + pipeline + "\",\"stage\":\"qualify\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"ownerId\":\"ana\"}]";
    }

    @Test
    void wrongMethodNamesTheMethodsOfThePath() {
        String pipeline = createStandardPipeline();
        given().delete("/api/v1/pipelines/{id}", pipeline).then().statusCode(405).contentType(PROBLEM)
                .header("Allow", equalTo("GET, HEAD, PUT"))
                .body("allowed", equalTo(List.of("GET", "HEAD", "PUT")))
                .body("detail", equalTo("DELETE is not supported here; allowed: GET, HEAD, PUT."));
        // the methods Allow names do answer
        given().head("/api/v1/pipelines/{id}", pipeline).then().statusCode(200);
        given().get("/api/v1/transitions").then().statusCode(405).contentType(PROBLEM)
                .header("Allow", equalTo("POST"))
                .body("allowed", equalTo(List.of("POST")));
        given().put("/api/v1/webhooks").then().statusCode(405).header("Allow", equalTo("GET, HEAD, POST"));
    }

    @Test
    void garbageContentTypeOnTransitionsIs415NamingBothTypesAndStoresNothing() throws Exception {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        HttpResponse<String> response = send("POST", "/api/v1/transitions", "%%%garbage", event(o + "-1", o, pipeline));
        assertEquals(415, response.statusCode(), response.body());
        assertEquals(PROBLEM, response.headers().firstValue("Content-Type").orElse(""));
        assertTrue(response.body().contains("send application/json or text/csv."), response.body());
        given().get("/api/v1/opportunities/{id}", o).then().statusCode(404);
    }

    @Test
    void bodyWithoutContentTypeIs415AndStoresNothing() throws Exception {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        String csv = "eventId,opportunityId,pipelineId,stage,occurredAt,ownerId\n" + o + "-1," + o + "," + pipeline
                + ",qualify,2026-01-01T00:00:00Z,ana\n";
        HttpResponse<String> response = send("POST", "/api/v1/transitions", null, csv);
        assertEquals(415, response.statusCode(), response.body());
        assertTrue(response.body().contains("A body without Content-Type is not accepted here; "
                + "send application/json or text/csv."), response.body());
        given().get("/api/v1/opportunities/{id}", o).then().statusCode(404);

        String id = unique("p");
        HttpResponse<String> put = send("PUT", "/api/v1/pipelines/" + id, null, "{\"stages\":[]}");
        assertEquals(415, put.statusCode(), put.body());
        assertTrue(put.body().contains("send application/json."), put.body());
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);
    }

    @Test
    void unsupportedTypeNamesTheAcceptedOne() {
        String id = unique("p");
        given().contentType("text/csv").body("a,b").put("/api/v1/pipelines/{id}", id).then().statusCode(415)
                .contentType(PROBLEM)
                .body("detail", containsString("is not accepted here; send application/json."));
        given().contentType("application/xml").body("<a/>").post("/api/v1/transitions").then().statusCode(415)
                .body("detail", containsString("send application/json or text/csv."));
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);
    }
}
