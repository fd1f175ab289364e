package io.pipelinehealth.web;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.support.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Every body is bounded, chunked or not, and refused with a 413 problem before it is swallowed. */
@QuarkusTest
class BodyLimitTest {

    private static final long MB = 1024 * 1024;

    private static void assertRefused(RawHttp.Exchange exchange, long limit, long max) {
        assertEquals(413, exchange.status(), exchange.response());
        assertTrue(exchange.response().contains("Content-Type: application/problem+json"), exchange.response());
        assertTrue(exchange.response().contains("https://pipeline-health.dev/problems/body-too-large"),
                exchange.response());
        assertTrue(exchange.response().contains(limit + " bytes"), exchange.response());
        // stopped near the limit (plus what socket buffers hold), not after the whole stream
        assertTrue(exchange.sent() < max / 2, "sent " + exchange.sent() + " of " + max + " bytes");
    }

    @Test
    void chunkedPipelineDocumentOverItsLimitIs413AndNothingIsStored() throws Exception {
        String id = unique("big");
        assertRefused(RawHttp.streamChunked("PUT", "/api/v1/pipelines/" + id, "application/json", 256 * MB),
                256 * 1024, 256 * MB);
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);
    }

    @Test
    void chunkedHandoffAndWebhookBodiesOverTheirLimitAre413() throws Exception {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        assertRefused(RawHttp.streamChunked("POST", "/api/v1/opportunities/" + o + "/handoffs", "application/json",
                256 * MB), 16 * 1024, 256 * MB);
        given().queryParam("pipelineId", pipeline).get("/api/v1/handoffs").then().statusCode(200)
                .body("items", empty());
        assertRefused(RawHttp.streamChunked("POST", "/api/v1/webhooks", "application/json", 256 * MB), 16 * 1024,
                256 * MB);
    }

    @Test
    void chunkedTransitionsOverTheirLimitAre413Problem() throws Exception {
        assertRefused(RawHttp.streamChunked("POST", "/api/v1/transitions", "application/json", 512 * MB), 32 * MB,
                512 * MB);
    }

    @Test
    void pipelineDocumentWithALengthOverItsLimitIs413() throws Exception {
        String id = unique("big");
        RawHttp.Exchange exchange = RawHttp.streamFixed("PUT", "/api/v1/pipelines/" + id, "application/json",
                256 * 1024 + 1);
        assertEquals(413, exchange.status(), exchange.response());
        assertTrue(exchange.response().toLowerCase().contains("content-type: application/problem+json"),
                exchange.response());
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);
    }
}
