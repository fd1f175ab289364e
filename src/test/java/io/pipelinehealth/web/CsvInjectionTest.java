package io.pipelinehealth.web;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSV exports neutralise text cells a spreadsheet would run as formulas (OWASP CSV injection). */
@QuarkusTest
class CsvInjectionTest {

    private static final String FORMULA = "=HYPERLINK(\"http://x\",\"y\")";
    /** The cell as exported: a leading single quote, quoted, inner quotes doubled. */
    private static final String NEUTRALISED = "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"";

    @Test
    void frozenExportNeutralisesOwnerAndAttributeCells() {
        String pipeline = createStandardPipeline();
        String o = "a" + unique("o");
        post(List.of(with(event(o + "-1", o, pipeline, "negotiate", "2026-01-01T00:00:00Z", FORMULA),
                "attributes", Map.of("note", "@SUM(1+1)", "plain", "-minus")))).statusCode(200);
        List<String> lines = given().queryParam("format", "csv").queryParam("pipelineId", pipeline)
                .queryParam("asOf", "2026-03-01T00:00:00Z").get("/api/v1/frozen").then().statusCode(200)
                .extract().asString().lines().toList();
        assertEquals("opportunityId,pipelineId,stage,ownerId,enteredAt,elapsedSeconds,frozenAfterSeconds,"
                + "overdueSeconds,timeBasis,amount,currency,attr.note,attr.plain", lines.get(0));
        assertEquals(o + "," + pipeline + ",negotiate," + NEUTRALISED + ",2026-01-01T00:00:00Z,5097600,1296000,"
                + "3801600,CALENDAR,,,\"'@SUM(1+1)\",\"'-minus\"", lines.get(1));
    }

    @Test
    void analyticsExportNeutralisesTextButKeepsNegativeNumbers() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        post(List.of(event(o + "-1", o, pipeline, "qualify", "2026-01-01T00:00:00Z", FORMULA),
                event(o + "-2", o, pipeline, "discover", "2026-01-02T00:00:00Z", FORMULA))).statusCode(200);
        List<String> lines = given().queryParam("format", "csv").queryParam("pipelineId", pipeline)
                .queryParam("asOf", "2026-01-03T00:00:00Z").queryParam("stage", "qualify")
                .get("/api/v1/analytics/reps").then().statusCode(200).extract().asString().lines().toList();
        // the deviation -345600 is a number the service wrote, not a formula: left as it is
        assertEquals(NEUTRALISED + "," + pipeline + ",qualify,1,0,1,0,0,-345600,-345600,-345600,0,0,NONE,"
                + "1.0,0.2065493143772374,1.0,0.0,0.0,0.7934506856227627,,,,,,,CALENDAR",
                lines.get(1));
    }
}
