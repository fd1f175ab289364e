package io.pipelinehealth.web;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Cursors are signed and bound to their list, filters and tenant: anything else is a 400 problem. */
@QuarkusTest
class CursorBindingTest {

    private static final String INVALID = "https://pipeline-health.dev/problems/invalid-cursor";

    /** A pipeline with three opportunities, and the cursor of its first page of one. */
    private static String[] firstPage() {
        String pipeline = createStandardPipeline();
        for (int i = 0; i < 3; i++) {
            post(history(i + unique("o"), pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        }
        String cursor = given().queryParam("pipelineId", pipeline).queryParam("asOf", "2026-02-01T00:00:00Z")
                .queryParam("limit", 1).get("/api/v1/opportunities").then().statusCode(200)
                .extract().path("nextCursor");
        assertNotNull(cursor);
        return new String[] {pipeline, cursor};
    }

    private static void assertInvalid(io.restassured.response.Response response) {
        response.then().statusCode(400).contentType("application/problem+json").body("type", equalTo(INVALID));
    }

    @Test
    void cursorFollowedWithTheSameFiltersWorks() {
        String[] first = firstPage();
        given().queryParam("pipelineId", first[0]).queryParam("cursor", first[1]).queryParam("limit", 5)
                .get("/api/v1/opportunities").then().statusCode(200)
                .body("items.size()", equalTo(2));
    }

    @Test
    void cursorReusedWithOtherFiltersIs400() {
        String[] first = firstPage();
        String other = createStandardPipeline();
        assertInvalid(given().queryParam("pipelineId", other).queryParam("cursor", first[1])
                .get("/api/v1/opportunities"));
        assertInvalid(given().queryParam("pipelineId", first[0]).queryParam("ownerId", "ana")
                .queryParam("cursor", first[1]).get("/api/v1/opportunities"));
        assertInvalid(given().queryParam("cursor", first[1]).get("/api/v1/opportunities"));
        // and on another list
        assertInvalid(given().queryParam("pipelineId", first[0]).queryParam("cursor", first[1])
                .get("/api/v1/frozen"));
        assertInvalid(given().queryParam("cursor", first[1]).get("/api/v1/pipelines"));
    }

    @Test
    void tamperedCursorIs400() {
        String[] first = firstPage();
        String cursor = first[1];
        int dot = cursor.indexOf('.');
        String payload = new String(Base64.getUrlDecoder().decode(cursor.substring(0, dot)), StandardCharsets.UTF_8);
        // the instant that gave a 500 when cursors were trusted
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(
                payload.replaceFirst("\"[^\"]*\"", "\"+999999999-12-31T23:59:59Z\"").getBytes(StandardCharsets.UTF_8));
        assertInvalid(given().queryParam("pipelineId", first[0]).queryParam("cursor", forged + cursor.substring(dot))
                .get("/api/v1/opportunities"));
        // change the signature's first character: all six of its bits count (the last character's
        // low bits are padding a decoder ignores, so flipping it may leave the signature as it was)
        char first6 = cursor.charAt(dot + 1);
        String flipped = cursor.substring(0, dot + 1) + (first6 == 'A' ? 'B' : 'A') + cursor.substring(dot + 2);
        assertInvalid(given().queryParam("pipelineId", first[0]).queryParam("cursor", flipped)
                .get("/api/v1/opportunities"));
        assertInvalid(given().queryParam("pipelineId", first[0]).queryParam("cursor", cursor.substring(0, dot))
                .get("/api/v1/opportunities"));
    }
}
