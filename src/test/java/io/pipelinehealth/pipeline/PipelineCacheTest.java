package io.pipelinehealth.pipeline;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.identity.Bootstrap;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pipeline definitions are cached per replica: a PUT is seen by the very next request here, and a
 * change made by another replica (here: the row rewritten behind this replica's back) is seen at once
 * by the opportunity view, which checks the row version in the statement that reads its history.
 */
@QuarkusTest
class PipelineCacheTest {

    static final int DAY = 86_400;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aPutIsSeenByTheNextRequest() {
        String id = createStandardPipeline();
        String o = readOnce(id);
        given().queryParam("pipelineId", id).get("/api/v1/analytics/stages").then().statusCode(200);

        given().contentType(ContentType.JSON).body(withQualify("P1D")).put("/api/v1/pipelines/{id}", id)
                .then().statusCode(200);

        opportunity(o, "2026-01-04T00:00:00Z").statusCode(200).body("visits.standardSeconds",
                contains(DAY, 10 * DAY, 7 * DAY));
        given().queryParam("pipelineId", id).get("/api/v1/analytics/stages").then().statusCode(200)
                .body("find { it.stage == 'qualify' }.standardSeconds", org.hamcrest.Matchers.equalTo(DAY));
    }

    @Test
    void anotherReplicasChangeIsSeenByTheOpportunityViewAtOnce() throws Exception {
        String id = createStandardPipeline();
        String o = readOnce(id);

        // another replica replaces the definition: this replica's cache is not told
        assertEquals(1, rewrite(id, "{\"name\":\"Standard B2B\",\"stages\":["
                + "{\"key\":\"qualify\",\"standard\":\"P2D\"},{\"key\":\"discover\",\"standard\":\"P10D\"},"
                + "{\"key\":\"propose\",\"standard\":\"P7D\"},{\"key\":\"negotiate\",\"standard\":\"P5D\"},"
                + "{\"key\":\"won\",\"kind\":\"WON\"},{\"key\":\"lost\",\"kind\":\"LOST\"}],\"overrides\":[]}"));

        opportunity(o, "2026-01-04T00:00:00Z").statusCode(200).body("visits.standardSeconds",
                contains(2 * DAY, 10 * DAY, 7 * DAY));
    }

    /** An opportunity of the pipeline, read once so that the definition is cached (qualify: 5 days). */
    private static String readOnce(String pipelineId) {
        String o = unique("o");
        post(history(o, pipelineId, "ana", "qualify", "2026-01-01T00:00:00Z", "propose", "2026-01-03T00:00:00Z"))
                .statusCode(200);
        opportunity(o, "2026-01-04T00:00:00Z").statusCode(200).body("visits.standardSeconds",
                contains(5 * DAY, 10 * DAY, 7 * DAY));
        return o;
    }

    private static Map<String, Object> withQualify(String standard) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(standardPipeline(List.of()));
        body.put("stages", List.of(
                Map.of("key", "qualify", "standard", standard),
                Map.of("key", "discover", "standard", "P10D"),
                Map.of("key", "propose", "standard", "P7D"),
                Map.of("key", "negotiate", "standard", "P5D"),
                Map.of("key", "won", "kind", "WON"),
                Map.of("key", "lost", "kind", "LOST")));
        return body;
    }

    /** Outside a request a connection has no tenant: this one is given the test key's, "default". */
    private int rewrite(String pipelineId, String definition) {
        return TenantContext.call(Bootstrap.TENANT, () -> update(pipelineId, definition));
    }

    private int update(String pipelineId, String definition) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = new NamedSql(
                        "update pipeline set definition = cast(:definition as jsonb) where pipeline_id = :pipeline")
                        .set("definition", definition).set("pipeline", pipelineId).prepare(connection)) {
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
