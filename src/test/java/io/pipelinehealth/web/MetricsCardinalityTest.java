package io.pipelinehealth.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** HTTP metrics label requests by route template: random paths cannot grow the label set. */
@QuarkusTest
class MetricsCardinalityTest {

    private static final Pattern URI = Pattern.compile("^http_server_requests_seconds_count\\{.*?uri=\"([^\"]*)\"",
            Pattern.MULTILINE);

    private static Set<String> uriLabels() {
        Matcher m = URI.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
        return m.results().map(r -> r.group(1)).collect(Collectors.toSet());
    }

    @Test
    void randomPathsDoNotAddUriLabels() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 50; i++) {
            given().get("/random-" + marker + "-" + i + "/x").then().statusCode(404);
            given().get("/api/v1/opportunities/" + marker + "-" + i).then().statusCode(404);
            given().put("/api/v1/" + marker + "-" + i).then().statusCode(404);
            // refusals of paths that do exist, with a random id in them: 405, 415 and 413
            given().delete("/api/v1/pipelines/" + marker + "-" + i).then().statusCode(405);
            given().contentType("application/xml").body("<a/>").put("/api/v1/pipelines/" + marker + "-" + i)
                    .then().statusCode(415);
            given().contentType("application/json").body("[" + " ".repeat(17 * 1024) + "]")
                    .post("/api/v1/opportunities/" + marker + "-" + i + "/handoffs").then().statusCode(413);
        }
        Set<String> labels = uriLabels();
        assertTrue(labels.stream().noneMatch(label -> label.contains(marker)), labels.toString());
        assertTrue(labels.contains("/api/v1/opportunities/{opportunityId}"), labels.toString());
        assertTrue(labels.contains("/api/v1/pipelines/{pipelineId}"), labels.toString());
        // a second round of new random paths leaves the label set as it was
        for (int i = 0; i < 50; i++) {
            given().get("/other-" + marker + "-" + i).then().statusCode(404);
        }
        assertEquals(labels, uriLabels());
    }
}
