package io.pipelinehealth.worktime;

import static io.pipelinehealth.support.Fixtures.createPipeline;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Working time through the API (issue 12, DOMAIN rule 15). Paris is UTC+1 in winter, UTC+2 in summer. */
@QuarkusTest
class WorkingTimeTest {

    private static final Map<String, Object> PARIS_OFFICE = Map.of("zone", "Europe/Paris",
            "hours", Map.of("from", "09:00", "to", "18:00"));

    private static Map<String, Object> pipeline(Map<String, Object> calendar, Map<String, Object> qualify) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stages", List.of(qualify, Map.of("key", "propose", "standard", "P2D", "frozenAfter", "P5D"), Map.of("key", "won", "kind", "WON")));
        if (calendar != null) {
            body.put("calendar", calendar);
        }
        return body;
    }

    private static String officePipeline(Map<String, Object> calendar) {
        return createPipeline(pipeline(calendar, Map.of("key", "qualify", "standard", "P2D")));
    }

    /** One visit of qualify from {@code entered} to {@code left}, then the opportunity view as of asOf. */
    private static JsonPath visit(String pipeline, String entered, String left, String asOf) {
        String o = unique("o");
        post(history(o, pipeline, "ana", "qualify", entered, "propose", left)).statusCode(200);
        return opportunity(o, asOf).statusCode(200).extract().jsonPath();
    }

    @Test
    void rule15ExampleFridayFivePmToMondayTenAmIsTwoWorkingHoursAndRushed() {
        String working = officePipeline(PARIS_OFFICE);
        JsonPath view = visit(working, "2026-01-09T16:00:00Z", "2026-01-12T09:00:00Z", "2026-01-20T00:00:00Z");
        assertEquals(7_200, view.getInt("visits[0].actualSeconds"));
        assertEquals(64_800, view.getInt("visits[0].standardSeconds")); // P2D = two 9-hour days
        assertEquals(-57_600, view.getInt("visits[0].deviationSeconds"));
        assertEquals("RUSHED", view.getString("visits[0].status"));
        assertEquals(Map.of("kind", "WORKING", "zone", "Europe/Paris"), view.getMap("timeBasis"));

        String calendarTime = officePipeline(null);
        JsonPath plain = visit(calendarTime, "2026-01-09T16:00:00Z", "2026-01-12T09:00:00Z", "2026-01-20T00:00:00Z");
        assertEquals(234_000, plain.getInt("visits[0].actualSeconds")); // 2 days 17 hours
        assertEquals("ON_TRACK", plain.getString("visits[0].status"));
        assertEquals("CALENDAR", plain.getString("timeBasis.kind"));
        assertEquals(null, plain.getString("timeBasis.zone"));
    }

    @Test
    void visitsBeginningAndEndingOutsideHoursAcrossAHolidayCountOnlyWorkingHours() {
        String p = officePipeline(Map.of("zone", "Europe/Paris", "hours", Map.of("from", "09:00", "to", "18:00"),
                "holidays", List.of("2026-01-15")));
        // Wednesday 07:00 to Friday 20:00, Thursday a holiday: Wednesday and Friday, 9 h each.
        JsonPath view = visit(p, "2026-01-14T06:00:00Z", "2026-01-16T19:00:00Z", "2026-02-01T00:00:00Z");
        assertEquals(64_800, view.getInt("visits[0].actualSeconds"));
        assertEquals(0, view.getInt("visits[0].deviationSeconds"));
        assertEquals("ON_TRACK", view.getString("visits[0].status"));
        assertEquals(64_800, view.getInt("stages[0].cumulativeSeconds"));
    }

    @Test
    void aVisitWhollyInsideAWeekendIsZeroSecondsAndRushed() {
        String p = officePipeline(PARIS_OFFICE);
        JsonPath view = visit(p, "2026-01-17T09:00:00Z", "2026-01-18T14:00:00Z", "2026-02-01T00:00:00Z");
        assertEquals(0, view.getInt("visits[0].actualSeconds"));
        assertEquals("RUSHED", view.getString("visits[0].status"));
    }

    @Test
    void anOpenVisitAsOfAnInstantInsideAWeekendCountsUpToFridayEvening() {
        String p = officePipeline(PARIS_OFFICE);
        String o = unique("o");
        post(history(o, p, "ana", "qualify", "2026-01-23T16:00:00Z")).statusCode(200);
        JsonPath view = opportunity(o, "2026-01-24T11:00:00Z").statusCode(200).extract().jsonPath();
        assertEquals(3_600, view.getInt("visits[0].actualSeconds"));
        assertEquals("OPEN", view.getString("visits[0].status"));
        assertEquals(3_600 - 64_800, view.getInt("stages[0].deviationSeconds"));
        JsonPath list = given().queryParam("pipelineId", p).queryParam("asOf", "2026-01-24T11:00:00Z")
                .get("/api/v1/opportunities").then().statusCode(200).extract().jsonPath();
        assertEquals(3_600, list.getInt("items[0].elapsedSeconds"));
        assertEquals(3_600 - 64_800, list.getInt("items[0].deviationSeconds"));
    }

    /** Sunday the only workday, so the whole answer is that Sunday's span; the two 2026 changes in two zones. */
    @Test
    void daylightSavingInTwoZonesSpringAndAutumnWithAndWithoutHours() {
        record Case(String zone, String enteredSaturday, String leftMonday, Map<String, String> hours, int expected) {
        }
        Map<String, String> night = Map.of("from", "01:00", "to", "04:00");
        List<Case> cases = List.of(
                // Paris, 29 March: 02:00 CET jumps to 03:00 CEST
                new Case("Europe/Paris", "2026-03-28T11:00:00Z", "2026-03-30T10:00:00Z", null, 23 * 3600),
                new Case("Europe/Paris", "2026-03-28T11:00:00Z", "2026-03-30T10:00:00Z", night, 2 * 3600),
                // from 02:30 is skipped: it moves later by the gap, to 03:30 CEST
                new Case("Europe/Paris", "2026-03-28T11:00:00Z", "2026-03-30T10:00:00Z",
                        Map.of("from", "02:30", "to", "04:00"), 1800),
                // Paris, 25 October: 03:00 CEST falls back to 02:00 CET
                new Case("Europe/Paris", "2026-10-24T10:00:00Z", "2026-10-26T11:00:00Z", null, 25 * 3600),
                new Case("Europe/Paris", "2026-10-24T10:00:00Z", "2026-10-26T11:00:00Z", night, 4 * 3600),
                // from 02:30 is ambiguous: the earlier instant, 02:30 CEST
                new Case("Europe/Paris", "2026-10-24T10:00:00Z", "2026-10-26T11:00:00Z",
                        Map.of("from", "02:30", "to", "04:00"), 9000),
                // New York, 8 March: 02:00 EST jumps to 03:00 EDT
                new Case("America/New_York", "2026-03-07T17:00:00Z", "2026-03-09T16:00:00Z", null, 23 * 3600),
                new Case("America/New_York", "2026-03-07T17:00:00Z", "2026-03-09T16:00:00Z", night, 2 * 3600),
                // New York, 1 November: 02:00 EDT falls back to 01:00 EST; 01:30 is ambiguous, the earlier is EDT
                new Case("America/New_York", "2026-10-31T16:00:00Z", "2026-11-02T17:00:00Z", null, 25 * 3600),
                new Case("America/New_York", "2026-10-31T16:00:00Z", "2026-11-02T17:00:00Z",
                        Map.of("from", "01:30", "to", "04:00"), 12_600));
        for (Case c : cases) {
            Map<String, Object> calendar = new LinkedHashMap<>();
            calendar.put("zone", c.zone());
            calendar.put("workdays", List.of("SUN"));
            if (c.hours() != null) {
                calendar.put("hours", c.hours());
            }
            String p = officePipeline(calendar);
            JsonPath view = visit(p, c.enteredSaturday(), c.leftMonday(), "2026-11-20T00:00:00Z");
            assertEquals(c.expected(), view.getInt("visits[0].actualSeconds"), c.toString());
        }
    }

    @Test
    void aDealDoesNotFreezeOverAHolidayWeekend() {
        Map<String, Object> calendar = Map.of("zone", "Europe/Paris", "hours", Map.of("from", "09:00", "to", "18:00"),
                "holidays", List.of("2026-05-01"));
        String p = createPipeline(pipeline(calendar, Map.of("key", "qualify", "standard", "PT4H", "frozenAfter", "P1D")));
        String o = unique("o");
        // Thursday 30 April 09:00 (UTC+2): one working day (9 h) is used up at 18:00; then 1 May, the weekend.
        post(history(o, p, "ana", "qualify", "2026-04-30T07:00:00Z")).statusCode(200);
        assertEquals(List.of(), frozen(p, "2026-05-03T20:00:00Z").getList("items"));
        assertEquals(List.of(), frozen(p, "2026-05-04T07:00:00Z").getList("items")); // Monday 09:00: 9 h exactly
        opportunity(o, "2026-05-04T07:00:00Z").statusCode(200).body("frozen", equalTo(false))
                .body("visits[0].status", equalTo("OPEN"));
        JsonPath late = frozen(p, "2026-05-04T08:00:00Z"); // Monday 10:00
        assertEquals(1, late.getList("items").size());
        assertEquals(36_000, late.getInt("items[0].elapsedSeconds"));
        assertEquals(32_400, late.getInt("items[0].frozenAfterSeconds"));
        assertEquals(3_600, late.getInt("items[0].overdueSeconds"));
        assertEquals(Map.of("kind", "WORKING", "zone", "Europe/Paris"), late.getMap("items[0].timeBasis"));
        assertEquals(1, frozen(p, "2026-05-04T07:00:01Z").getList("items").size());
        opportunity(o, "2026-05-04T08:00:00Z").statusCode(200).body("frozen", equalTo(true));

        String csv = given().queryParam("pipelineId", p).queryParam("asOf", "2026-05-04T08:00:00Z")
                .queryParam("format", "csv").get("/api/v1/frozen").then().statusCode(200).extract().asString();
        String[] lines = csv.split("\n");
        assertTrue(lines[0].contains("timeBasis"), lines[0]);
        assertTrue(lines[1].contains("WORKING Europe/Paris"), lines[1]);
        assertTrue(lines[1].contains(",36000,32400,3600,"), lines[1]);
    }

    private static JsonPath frozen(String pipeline, String asOf) {
        return given().queryParam("pipelineId", pipeline).queryParam("asOf", asOf).get("/api/v1/frozen")
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void repRowsStageAnalyticsAndTheProfileCountWorkingSeconds() {
        String p = officePipeline(PARIS_OFFICE);
        String suffix = unique("");
        // 7,200 s (RUSHED, -57,600) and Monday 09:00 to Thursday 10:00, 28 h (SLOW, +36,000)
        post(history("r1" + suffix, p, "ana", "qualify", "2026-01-09T16:00:00Z", "propose", "2026-01-12T09:00:00Z"))
                .statusCode(200);
        post(history("r2" + suffix, p, "ana", "qualify", "2026-01-12T08:00:00Z", "propose", "2026-01-15T09:00:00Z"))
                .statusCode(200);
        post(history("r3" + suffix, p, "ana", "qualify", "2026-01-16T16:00:00Z")).statusCode(200);
        String asOf = "2026-01-17T11:00:00Z"; // Saturday noon in Paris

        JsonPath reps = given().queryParam("pipelineId", p).queryParam("asOf", asOf).queryParam("ownerId", "ana")
                .get("/api/v1/analytics/reps").then().statusCode(200).extract().jsonPath();
        Map<String, Object> qualify = reps.getMap("find { it.stage == 'qualify' }");
        assertEquals(2, qualify.get("closedVisits"));
        assertEquals(1, qualify.get("rushed"));
        assertEquals(1, qualify.get("slow"));
        assertEquals(-10_800, ((Number) qualify.get("medianDeviationSeconds")).intValue());
        assertEquals(1, qualify.get("openVisits"));
        // propose: open since Monday 10:00 (44 working hours) and Thursday 10:00 (17 h), both within
        // frozenAfter P5D (45 h); in calendar time the first would be frozen (5 days 2 hours against 5 days).
        Map<String, Object> propose = reps.getMap("find { it.stage == 'propose' }");
        assertEquals(2, propose.get("openVisits"));
        assertEquals(0, propose.get("frozen"));

        JsonPath stages = given().queryParam("pipelineId", p).queryParam("asOf", asOf)
                .get("/api/v1/analytics/stages").then().statusCode(200).extract().jsonPath();
        assertEquals(54_000, ((Number) stages.get("find { it.stage == 'qualify' }.medianActualSeconds")).intValue());

        JsonPath profile = given().queryParam("pipelineId", p).queryParam("asOf", asOf)
                .get("/api/v1/reps/{owner}/profile", "ana").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("r1" + suffix, "r2" + suffix, "r3" + suffix), profile.getList("openDeals.opportunityId"));
        assertEquals(List.of(158_400, 61_200, 3_600), profile.getList("openDeals.elapsedSeconds"));
        assertEquals(List.of(93_600, -3_600, -61_200), profile.getList("openDeals.secondsPastStandard"));
        assertEquals(List.of(), profile.getList("frozenDeals"));
    }

    @Test
    void learnedStandardsAndAnalyticsCsvAreInWorkingSeconds() {
        String p = officePipeline(PARIS_OFFICE);
        String suffix = unique("");
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // five Friday 17:00 to Monday 10:00 (2 h), five Wednesday 09:00 to Thursday 18:00 (18 h); all won
            boolean weekend = i < 5;
            events.addAll(history("s" + i + suffix, p, "ana", "qualify",
                    weekend ? "2026-01-09T16:00:00Z" : "2026-01-14T08:00:00Z", "won",
                    weekend ? "2026-01-12T09:00:00Z" : "2026-01-15T17:00:00Z"));
        }
        post(events).statusCode(200);
        JsonPath standards = given().queryParam("pipelineId", p).get("/api/v1/analytics/standards")
                .then().statusCode(200).extract().jsonPath();
        Map<String, Object> qualify = standards.getMap("find { it.stage == 'qualify' }");
        assertEquals(64_800, qualify.get("standardSeconds"));
        assertEquals(10, qualify.get("wonVisits"));
        assertEquals(36_000, ((Number) qualify.get("suggestedMedianSeconds")).intValue());
        assertEquals(64_800, ((Number) qualify.get("suggestedP75Seconds")).intValue());

        List<String> csv = given().queryParam("pipelineId", p).queryParam("format", "csv")
                .get("/api/v1/analytics/standards").then().statusCode(200).extract().asString().lines().toList();
        assertTrue(csv.get(0).endsWith(",timeBasis"), csv.get(0));
        // the one CSV writer quotes a cell with a space, as the frozen list always did
        assertEquals("qualify,64800,10,36000,64800,\"WORKING Europe/Paris\"", csv.get(1));
    }

    @Test
    void theCalendarIsShownAsGivenAndReplacingItReDerivesThePipeline() {
        Map<String, Object> calendar = Map.of("zone", "Europe/Paris", "hours", Map.of("from", "09:00", "to", "18:00"),
                "holidays", List.of("2026-12-25", "2026-01-01"));
        String p = officePipeline(calendar);
        given().get("/api/v1/pipelines/{id}", p).then().statusCode(200)
                .body("calendar", equalTo(calendar)).body("stages[0].standard", equalTo("P2D"));
        String o = unique("o");
        post(history(o, p, "ana", "qualify", "2026-01-09T16:00:00Z", "propose", "2026-01-12T09:00:00Z")).statusCode(200);
        opportunity(o, "2026-02-01T00:00:00Z").body("visits[0].actualSeconds", equalTo(7_200));

        given().contentType(ContentType.JSON).body(pipeline(null, Map.of("key", "qualify", "standard", "P2D")))
                .put("/api/v1/pipelines/{id}", p).then().statusCode(200).body("calendar", nullValue());
        opportunity(o, "2026-02-01T00:00:00Z").body("visits[0].actualSeconds", equalTo(234_000))
                .body("visits[0].standardSeconds", equalTo(172_800)).body("timeBasis.kind", equalTo("CALENDAR"));
    }

    @Test
    void anUnusableCalendarIsRefusedNamingTheFieldAndNothingIsStored() {
        Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("zone", "Europe/Atlantis");
        bad.put("workdays", List.of("MON", "FUNDAY"));
        bad.put("hours", Map.of("from", "18:00", "to", "09:00"));
        bad.put("holidays", List.of("2026-02-30", "2026-13-01", "christmas"));
        String id = unique("cal");
        JsonPath problem = given().contentType(ContentType.JSON).body(pipeline(bad, Map.of("key", "qualify", "standard", "P2D")))
                .put("/api/v1/pipelines/{id}", id).then().statusCode(422)
                .contentType("application/problem+json").extract().jsonPath();
        List<String> fields = problem.getList("errors.field");
        assertEquals(List.of("calendar.zone", "calendar.workdays[1]", "calendar.hours", "calendar.holidays[0]",
                "calendar.holidays[1]", "calendar.holidays[2]"), fields);
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);

        refused(Map.of("workdays", List.of()), "calendar.zone", "calendar.workdays");
        refused(Map.of("zone", "UTC", "workdays", List.of("MON", "MON")), "calendar.workdays[1]");
        refused(Map.of("zone", "UTC", "hours", Map.of("from", "09:00", "to", "09:00")), "calendar.hours");
        refused(Map.of("zone", "UTC", "hours", Map.of("from", "24:00", "to", "24:00")), "calendar.hours.from");
        refused(Map.of("zone", "UTC", "hours", Map.of("from", "09:00", "to", "25:00")), "calendar.hours.to");
        List<String> tooMany = new java.util.ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(java.time.LocalDate.parse("2026-01-01").plusDays(i).toString());
        }
        refused(Map.of("zone", "UTC", "holidays", tooMany), "calendar.holidays");
        // the limit itself is fine; 24:00 ends a day
        createPipeline(pipeline(Map.of("zone", "UTC", "holidays", tooMany.subList(0, 1000),
                "hours", Map.of("from", "00:00", "to", "24:00")), Map.of("key", "qualify", "standard", "P2D")));
    }

    private static void refused(Map<String, Object> calendar, String... fields) {
        String id = unique("cal");
        List<String> named = given().contentType(ContentType.JSON)
                .body(pipeline(calendar, Map.of("key", "qualify", "standard", "P2D")))
                .put("/api/v1/pipelines/{id}", id).then().statusCode(422).extract().jsonPath().getList("errors.field");
        assertEquals(List.of(fields), named, calendar.toString());
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);
    }
}
