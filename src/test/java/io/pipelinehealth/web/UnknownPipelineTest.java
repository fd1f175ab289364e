package io.pipelinehealth.web;

import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An unknown pipelineId is the same 404 problem on every endpoint that names one, never an empty 200. */
@QuarkusTest
class UnknownPipelineTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/opportunities", "/api/v1/frozen", "/api/v1/handoffs", "/api/v1/analytics/reps",
            "/api/v1/analytics/stages", "/api/v1/analytics/standards", "/api/v1/reps/ana/profile"})
    void unknownPipelineIs404(String path) {
        String id = unique("none");
        given().queryParam("pipelineId", id).get(path).then().statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://pipeline-health.dev/problems/pipeline-not-found"))
                .body("detail", equalTo("No pipeline with id '" + id + "'."));
    }
}
