package io.pipelinehealth.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;

import io.pipelinehealth.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One rule for every CSV answer: the Accept header's order of preference, then JSON. */
@QuarkusTest
class CsvNegotiationTest {

    private static final List<String> CSV_ANSWERS = List.of("/api/v1/frozen", "/api/v1/analytics/reps",
            "/api/v1/analytics/stages", "/api/v1/analytics/standards", "/api/v1/analytics/reps/ana/trend");

    private static void answers(String pipeline, String accept, String type) {
        for (String path : CSV_ANSWERS) {
            given().queryParam("pipelineId", pipeline).header("Accept", accept).get(path).then().statusCode(200)
                    .contentType(startsWith(type));
        }
    }

    @Test
    void everyCsvAnswerReadsAcceptTheSameWay() {
        String p = Fixtures.createStandardPipeline();
        // frozen used to answer JSON here: it looked for "application/json" anywhere in the header
        answers(p, "text/csv, application/json;q=0.5", "text/csv");
        answers(p, "application/json;q=0.5, text/csv", "text/csv");
        answers(p, "application/json, text/csv;q=0.9", "application/json");
        answers(p, "text/csv", "text/csv");
        answers(p, "*/*", "application/json");
    }
}
