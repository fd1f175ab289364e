package io.pipelinehealth.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMapperTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String TYPES = "https://pipeline-health.dev/problems/";

    @TestHTTPResource("/test-echo")
    URL echoUrl;

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void readinessIsUpWithTheDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void openApiIsServed() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", containsString("3."));
    }

    @Test
    void unknownPathIsProblem404() {
        given().when().get("/no/such/path")
                .then().statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "not-found"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/no/such/path"));
    }

    @Test
    void malformedJsonIsProblem400() {
        given().contentType("application/json").body("[{\"eventId\": \"e1\",")
                .when().post("/test-echo")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "malformed-body"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void wrongJsonTypeNamesTheItemAndField() {
        given().contentType("application/json")
                .body("[{\"eventId\":\"e1\",\"occurredAt\":\"2026-01-01T00:00:00Z\"},"
                        + "{\"eventId\":\"e2\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"count\":\"many\"}]")
                .when().post("/test-echo")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "malformed-body"))
                .body("detail", containsString("[1].count"))
                .body("detail", not(containsString("java.")))
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("count"));
    }

    @Test
    void badInstantIsProblem400() {
        given().contentType("application/json")
                .body("[{\"eventId\":\"e1\",\"occurredAt\":\"yesterday\"}]")
                .when().post("/test-echo")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].index", equalTo(0))
                .body("errors[0].field", equalTo("occurredAt"))
                .body("detail", not(containsString("java.")));
    }

    @Test
    void objectInsteadOfListIsProblem400() {
        given().contentType("application/json").body("{\"eventId\":\"e1\"}")
                .when().post("/test-echo")
                .then().statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "malformed-body"));
    }

    @Test
    void apiExceptionKeepsStatusTypeAndErrors() {
        given().when().get("/test-echo/conflict")
                .then().statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "event-conflict"))
                .body("title", equalTo("Conflicting event"))
                .body("errors[0].eventId", equalTo("e1"))
                .body("errors[0].index", equalTo(0));
    }

    @Test
    void unexpectedFailureIs500WithoutInternals() {
        given().when().get("/test-echo/boom")
                .then().statusCode(500)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "internal-error"))
                .body(not(containsString("secret")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void noDatabaseConnectionInTimeIs503WithRetryAfter() {
        given().when().get("/test-echo/busy")
                .then().statusCode(503)
                .contentType(PROBLEM)
                .header("Retry-After", "1")
                .body("type", equalTo(TYPES + "busy"))
                .body(not(containsString("Acquisition")));
    }

    @Test
    void wrongMethodIs405WithTheMethodsThatExist() {
        given().when().delete("/test-echo")
                .then().statusCode(405)
                .contentType(PROBLEM)
                .header("Allow", equalTo("POST"))
                .body("type", equalTo(TYPES + "method-not-allowed"))
                .body("allowed", equalTo(java.util.List.of("POST")))
                .body("detail", containsString("allowed: POST."));
        given().when().post("/test-echo/now")
                .then().statusCode(405)
                .header("Allow", equalTo("GET, HEAD"))
                .body("allowed", equalTo(java.util.List.of("GET", "HEAD")));
    }

    @Test
    void wrongContentTypeIs415() {
        given().contentType("text/plain").body("hello")
                .when().post("/test-echo")
                .then().statusCode(415)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "unsupported-media-type"))
                .body("detail", containsString("is not accepted here; send application/json."));
    }

    @Test
    void unacceptableAcceptIs406() {
        given().accept("application/xml").when().get("/test-echo/now")
                .then().statusCode(406)
                .contentType(PROBLEM)
                .body("type", equalTo(TYPES + "not-acceptable"));
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        // A raw request that declares a 33 MB body: the answer comes before any byte of it is sent.
        URI uri = URI.create(echoUrl.toString());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST /test-echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (33 * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 413"), response);
            assertTrue(response.contains("application/problem+json"), response);
            assertTrue(response.contains(TYPES + "body-too-large"), response);
        }
    }
}
