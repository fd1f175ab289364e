package io.pipelinehealth.analytics;

import static io.pipelinehealth.analytics.AnalyticsFixtures.day;
import static io.pipelinehealth.analytics.AnalyticsFixtures.deal;
import static io.pipelinehealth.analytics.AnalyticsFixtures.post;
import static io.pipelinehealth.analytics.AnalyticsFixtures.query;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipelinehealth.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CSV answers, parameter validation and arrival-order independence of the analytics. */
@QuarkusTest
class AnalyticsFormatTest {

    private static String csv(String path, String pipeline, boolean byAccept, String... params) {
        var request = query(pipeline, params);
        if (byAccept) {
            request.accept("text/csv");
        } else {
            request.queryParam("format", "csv");
        }
        return request.get(path).then().statusCode(200).contentType(containsString("text/csv")).extract().asString();
    }

    @Test
    void repsStagesAndStandardsAnswerCsvWithTheSameColumns() {
        String p = createStandardPipeline();
        post(List.of(deal(p, "ana", "qualify", 0, "discover", 1), deal(p, "ana", "qualify", 0, "discover", 4)));

        List<String> reps = csv("/api/v1/analytics/reps", p, false, "asOf", day(2)).lines().toList();
        assertEquals("ownerId,pipelineId,stage,closedVisits,onTrack,rushed,slow,skipped,medianDeviationSeconds,"
                + "meanDeviationSeconds,p90DeviationSeconds,openVisits,frozen,pattern,rushedShare,rushedShareLow,"
                + "rushedShareHigh,slowShare,slowShareLow,slowShareHigh,teamRushedShare,teamSlowShare,rushedP,slowP,"
                + "rushedQ,slowQ,timeBasis", reps.get(0));
        // 1 of 1 rushed: Wilson 0.2065-1; no other rep, so no team share, p or q (empty cells)
        assertEquals(List.of("ana," + p + ",qualify,1,0,1,0,0,-345600,-345600,-345600,1,0,NONE,"
                + "1.0,0.2065493143772374,1.0,0.0,0.0,0.7934506856227627,,,,,,,CALENDAR",
                "ana," + p + ",discover,0,0,0,0,0,,,,1,0,NONE,,,,,,,,,,,,,CALENDAR"), reps.subList(1, reps.size()));

        List<String> stages = csv("/api/v1/analytics/stages", p, true, "asOf", day(2)).lines().toList();
        assertEquals("stage,standardSeconds,closedVisits,medianActualSeconds,p75ActualSeconds,p90ActualSeconds,"
                + "rushed,slow,skipped,openVisits,frozen,conversionRate,timeBasis", stages.get(0));
        assertEquals("qualify,432000,1,86400,86400,86400,1,0,0,1,0,1,CALENDAR", stages.get(1));
        assertEquals(5, stages.size());

        List<String> standards = csv("/api/v1/analytics/standards", p, true).lines().toList();
        assertEquals("stage,standardSeconds,wonVisits,suggestedMedianSeconds,suggestedP75Seconds,timeBasis",
                standards.get(0));
        assertEquals("qualify,432000,0,,,CALENDAR", standards.get(1));

        // JSON stays the default, also for Accept: */*
        query(p).accept("*/*").get("/api/v1/analytics/stages").then().statusCode(200).contentType("application/json");
    }

    @Test
    void invalidParametersAreProblemsNamingTheParameter() {
        String p = createStandardPipeline();
        for (String path : List.of("/api/v1/analytics/reps", "/api/v1/analytics/stages", "/api/v1/analytics/standards",
                "/api/v1/reps/ana/profile")) {
            given().get(path).then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("pipelineId"));
            query(Fixtures.unique("none")).get(path).then().statusCode(404).contentType("application/problem+json");
            query(p, "from", "yesterday").get(path).then().statusCode(400).body("detail", containsString("from"));
            query(p, "from", day(2), "to", day(2)).get(path).then().statusCode(400).body("detail", containsString("to"));
        }
        Map<String, String> bad = Map.of("minVisits", "0", "share", "1.5", "asOf", "2026-01-01");
        bad.forEach((name, value) -> query(p, name, value).get("/api/v1/analytics/reps").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(name)));
        for (String share : List.of("0", "-0.1", "abc", "NaN")) {
            query(p, "share", share).get("/api/v1/analytics/reps").then().statusCode(400)
                    .body("detail", containsString("share"));
        }
        query(p, "minVisits", "2.5").get("/api/v1/analytics/reps").then().statusCode(400);
        query(p, "share", "1", "minVisits", "1").get("/api/v1/analytics/reps").then().statusCode(200);
        query(p, "format", "xml").get("/api/v1/analytics/stages").then().statusCode(400)
                .body("detail", containsString("format"));
    }

    @Test
    void shuffledBatchesGiveSameAnalytics() {
        String ordered = createStandardPipeline();
        String shuffled = createStandardPipeline();
        List<Map<String, Object>> inOrder = events(ordered);
        List<Map<String, Object>> outOfOrder = events(shuffled);
        Collections.shuffle(outOfOrder, new Random(7));
        Fixtures.post(inOrder).statusCode(200);
        for (int i = 0; i < outOfOrder.size(); i += 3) {
            Fixtures.post(outOfOrder.subList(i, Math.min(i + 3, outOfOrder.size()))).statusCode(200);
        }
        for (String path : List.of("/api/v1/analytics/reps", "/api/v1/analytics/stages")) {
            String a = csv(path, ordered, false, "asOf", day(40)).replace(ordered, "P");
            String b = csv(path, shuffled, false, "asOf", day(40)).replace(shuffled, "P");
            assertEquals(a, b, path);
        }
        assertEquals(query(ordered, "asOf", day(40)).get("/api/v1/reps/ana/profile").jsonPath().getList("stages"),
                query(shuffled, "asOf", day(40)).get("/api/v1/reps/ana/profile").jsonPath().getList("stages"));
    }

    /** The same histories under opportunity ids of the given pipeline. */
    private static List<Map<String, Object>> events(String pipeline) {
        List<Map<String, Object>> events = new ArrayList<>();
        events.addAll(Fixtures.history(pipeline + "-1", pipeline, "ana", "qualify", day(0), "propose", day(2),
                "negotiate", day(12), "won", day(13)));
        events.addAll(Fixtures.history(pipeline + "-2", pipeline, "ana", "qualify", day(1), "discover", day(3),
                "qualify", day(4), "discover", day(20)));
        events.addAll(Fixtures.history(pipeline + "-3", pipeline, "bob", "discover", day(0), "propose", day(9),
                "lost", day(30)));
        events.add(Fixtures.event(pipeline + "-4a", pipeline + "-4", pipeline, "qualify", day(5), "bob"));
        events.add(Fixtures.event(pipeline + "-4b", pipeline + "-4", pipeline, "qualify", day(6), "ana"));
        events.add(Fixtures.event(pipeline + "-4c", pipeline + "-4", pipeline, "negotiate", day(7), "ana"));
        return events;
    }
}
