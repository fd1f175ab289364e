package io.pipelinehealth.analytics;

import static io.pipelinehealth.analytics.AnalyticsFixtures.deal;
import static io.pipelinehealth.analytics.AnalyticsFixtures.json;
import static io.pipelinehealth.analytics.AnalyticsFixtures.number;
import static io.pipelinehealth.analytics.AnalyticsFixtures.post;
import static io.pipelinehealth.analytics.AnalyticsFixtures.query;
import static io.pipelinehealth.support.Fixtures.createPipeline;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/analytics/reps/{ownerId}/trend: ISO weeks of the pipeline's zone, every week listed. */
@QuarkusTest
class RepTrendTest {

    private static final long DAY = AnalyticsFixtures.DAY;

    private static List<Map<String, Object>> trend(String owner, String pipeline, String... params) {
        return json("/api/v1/analytics/reps/" + owner + "/trend", pipeline, params).getList("");
    }

    @Test
    void weeksAcrossAYearEndWithAnEmptyWeek() {
        String p = createStandardPipeline(); // qualify P5D: rushed below 2.5 d, slow above 7.5 d; 2020 has an ISO week 53
        post(List.of(
                deal(p, "ana", "qualify", "2020-12-20T00:00:00Z", "discover", "2020-12-22T00:00:00Z"), // -3 d, rushed
                deal(p, "ana", "qualify", "2020-12-24T00:00:00Z", "discover", "2020-12-29T00:00:00Z"), // 0
                deal(p, "ana", "qualify", "2020-12-25T00:00:00Z", "discover", "2021-01-01T10:00:00Z"), // +2 d 10 h
                deal(p, "ana", "qualify", "2021-01-01T00:00:00Z", "discover", "2021-01-13T00:00:00Z"), // +7 d, slow
                deal(p, "bob", "qualify", "2020-12-20T00:00:00Z", "discover", "2020-12-30T00:00:00Z"), // +5 d
                deal(p, "bob", "qualify", "2020-12-27T00:00:00Z", "discover", "2020-12-29T12:00:00Z"))); // -2.5 d
        List<Map<String, Object>> weeks = trend("ana", p, "stage", "qualify", "from", "2020-12-21T00:00:00Z",
                "to", "2021-01-18T00:00:00Z");
        assertEquals(List.of("2020-W52", "2020-W53", "2021-W01", "2021-W02"), weeks.stream().map(w -> w.get("week")).toList());
        assertEquals(List.of("2020-12-21T00:00:00Z", "2020-12-28T00:00:00Z", "2021-01-04T00:00:00Z", "2021-01-11T00:00:00Z"),
                weeks.stream().map(w -> w.get("weekStart")).toList());

        Map<String, Object> w52 = weeks.get(0);
        assertEquals(1, w52.get("closedVisits"));
        assertEquals(-3.0 * DAY, number(w52, "medianDeviationSeconds"));
        assertEquals(1.0, number(w52, "rushedShare"));
        assertEquals(0.0, number(w52, "slowShare"));
        assertEquals(0, w52.get("teamClosedVisits"));
        assertNull(w52.get("teamMedianDeviationSeconds"));

        Map<String, Object> w53 = weeks.get(1);
        assertEquals(2, w53.get("closedVisits"), "Dec 29 and Jan 1 are both in ISO week 2020-W53");
        assertEquals((0 + 2 * DAY + 10 * 3600) / 2.0, number(w53, "medianDeviationSeconds"));
        assertEquals(0.0, number(w53, "rushedShare"));
        assertEquals(2, w53.get("teamClosedVisits"));
        assertEquals((5 * DAY - 2.5 * DAY) / 2, number(w53, "teamMedianDeviationSeconds"));

        Map<String, Object> empty = weeks.get(2);
        assertEquals(0, empty.get("closedVisits"));
        assertNull(empty.get("medianDeviationSeconds"));
        assertNull(empty.get("rushedShare"));
        assertNull(empty.get("slowShare"));

        assertEquals(7.0 * DAY, number(weeks.get(3), "medianDeviationSeconds"));
        assertEquals(1.0, number(weeks.get(3), "slowShare"));

        // every open stage, in pipeline order, when no stage is asked for
        List<Map<String, Object>> all = trend("ana", p, "from", "2020-12-21T00:00:00Z", "to", "2021-01-18T00:00:00Z");
        assertEquals(16, all.size());
        assertEquals(List.of("qualify", "discover", "propose", "negotiate"),
                all.stream().map(w -> (String) w.get("stage")).distinct().toList());

        String csv = query(p, "stage", "qualify", "from", "2020-12-21T00:00:00Z", "to", "2021-01-18T00:00:00Z")
                .header("Accept", "text/csv").get("/api/v1/analytics/reps/ana/trend").then().statusCode(200)
                .contentType(containsString("text/csv")).extract().asString();
        List<String> lines = csv.lines().toList();
        // Jackson quotes cells of more than 24 characters without looking inside: still valid CSV
        assertEquals("ownerId,pipelineId,stage,week,weekStart,closedVisits,medianDeviationSeconds,rushedShare,slowShare,"
                + "teamClosedVisits,\"teamMedianDeviationSeconds\",timeBasis", lines.get(0));
        assertEquals("ana," + p + ",qualify,2020-W52,2020-12-21T00:00:00Z,1,-259200,1.0,0.0,0,,CALENDAR", lines.get(1));
        assertEquals(5, lines.size());
    }

    @Test
    void aCalendarPipelineCutsWeeksAtMondayMidnightInItsZoneAcrossDaylightSaving() {
        String p = createPipeline(Map.of("stages", List.of(Map.of("key", "qualify", "standard", "P1D"),
                Map.of("key", "discover", "standard", "P1D"), Map.of("key", "won", "kind", "WON")),
                "calendar", Map.of("zone", "Europe/Paris")));
        post(List.of(
                // Paris went to summer time on Sunday 2026-03-29. This visit ends on Monday 00:30 in
                // Paris, still Sunday in UTC: Fri 10:00-24:00 and Mon 00:00-00:30 worked, 52,200 s.
                deal(p, "ana", "qualify", "2026-03-27T10:00:00+01:00", "discover", "2026-03-30T00:30:00+02:00"),
                // Sunday 23:30 in Paris: the week before. Fri 12:00-24:00 worked, 43,200 s.
                deal(p, "ana", "qualify", "2026-03-27T12:00:00+01:00", "discover", "2026-03-29T23:30:00+02:00")));
        List<Map<String, Object>> weeks = trend("ana", p, "stage", "qualify", "from", "2026-03-20T00:00:00Z",
                "to", "2026-04-03T00:00:00Z");
        assertEquals(List.of("2026-W12", "2026-W13", "2026-W14"), weeks.stream().map(w -> w.get("week")).toList());
        assertEquals(List.of("2026-03-15T23:00:00Z", "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z"),
                weeks.stream().map(w -> w.get("weekStart")).toList(), "Monday 00:00 in Paris, CET then CEST");
        assertEquals(List.of(0, 1, 1), weeks.stream().map(w -> w.get("closedVisits")).toList());
        assertEquals(43_200.0 - DAY, number(weeks.get(1), "medianDeviationSeconds"));
        assertEquals(52_200.0 - DAY, number(weeks.get(2), "medianDeviationSeconds"));
    }

    @Test
    void theWindowIsAtMost104WeeksAndTheStageMustBeOpen() {
        String p = createStandardPipeline();
        assertEquals(104, trend("ana", p, "stage", "qualify", "from", "2025-01-06T00:00:00Z",
                "to", "2027-01-04T00:00:00Z").size(), "104 weeks from a Monday touch 104 weeks");
        query(p, "from", "2025-01-06T00:00:00Z", "to", "2027-01-04T00:00:01Z").get("/api/v1/analytics/reps/ana/trend")
                .then().statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("from"))
                .body("detail", containsString("104 weeks"));
        query(p, "from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z").get("/api/v1/analytics/reps/ana/trend")
                .then().statusCode(400).contentType("application/problem+json");
        for (String stage : List.of("won", "nope")) {
            query(p, "stage", stage).get("/api/v1/analytics/reps/ana/trend").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString(stage));
        }
        query("missing-" + p, "stage", "qualify").get("/api/v1/analytics/reps/ana/trend").then().statusCode(404);
    }
}
