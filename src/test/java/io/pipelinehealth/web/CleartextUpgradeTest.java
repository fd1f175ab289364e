package io.pipelinehealth.web;

import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.support.ApiKeyExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A client that offers an upgrade to cleartext HTTP/2 (the JDK's HttpClient by default,
 * {@code curl --http2}) on a request with a body is answered over HTTP/1.1 like any other: with
 * HTTP/2 cleartext on, such a request was a 500 with an HTML error page.
 */
@QuarkusTest
class CleartextUpgradeTest {

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Authorization", "Bearer " + ApiKeyExtension.TEST_KEY)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build();
        // a new client per request: the upgrade is offered on a connection's first request
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void requestsWithABodyOfferingAnUpgradeAreServed() throws Exception {
        String pipeline = unique("h2c");
        HttpResponse<String> put = send("PUT", "/api/v1/pipelines/" + pipeline,
                "{\"name\":\"H2C\",\"stages\":[{\"key\":\"a\",\"standard\":\"P1D\"},{\"key\":\"won\",\"kind\":\"WON\"}]}");
        assertEquals(201, put.statusCode(), put.body());
        assertEquals(HttpClient.Version.HTTP_1_1, put.version());

        HttpResponse<String> post = send("POST", "/api/v1/transitions", "[{\"eventId\":\"" + unique("e")
                + "\",\"opportunityId\":\"" + unique("o") + "\",\"pipelineId\":\"" + pipeline
                + "\",\"stage\":\"a\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"ownerId\":\"r\"}]");
        assertEquals(200, post.statusCode(), post.body());
        assertTrue(post.body().contains("\"stored\":1"), post.body());

        HttpResponse<String> bad = send("POST", "/api/v1/transitions", "[{\"eventId\":\"x\"}]");
        assertEquals(422, bad.statusCode(), bad.body());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
    }
}
