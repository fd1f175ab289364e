package io.pipelinehealth.analytics;

import static io.pipelinehealth.analytics.AnalyticsFixtures.DAY;
import static io.pipelinehealth.analytics.AnalyticsFixtures.day;
import static io.pipelinehealth.analytics.AnalyticsFixtures.deal;
import static io.pipelinehealth.analytics.AnalyticsFixtures.json;
import static io.pipelinehealth.analytics.AnalyticsFixtures.number;
import static io.pipelinehealth.analytics.AnalyticsFixtures.post;
import static io.pipelinehealth.analytics.AnalyticsFixtures.row;
import static io.pipelinehealth.analytics.AnalyticsFixtures.stages;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/analytics/stages and /standards: per stage over all reps. */
@QuarkusTest
class StageAnalyticsTest {

    @Test
    void stageRowsGivePercentilesOfActualTimeAndConversion() {
        String p = createStandardPipeline();
        post(List.of(
                deal(p, "ana", "qualify", 0, "discover", 2, "propose", 5), // discover advances
                deal(p, "ana", "discover", 0, "qualify", 4),               // discover goes back
                deal(p, "bob", "discover", 0, "lost", 12),                 // discover lost
                deal(p, "bob", "discover", 0, "won", 20),                  // discover won: later, not LOST
                deal(p, "bob", "qualify", 0, "propose", 3),                // discover skipped
                deal(p, "bob", "qualify", 0, "lost", 1)));
        JsonPath rows = stages(p, "asOf", day(30));
        assertEquals(List.of("qualify", "discover", "propose", "negotiate"), rows.getList("stage"));

        Map<String, Object> qualify = row(rows, "stage", "qualify");
        assertEquals(5 * DAY, ((Number) qualify.get("standardSeconds")).longValue());
        assertEquals(3, qualify.get("closedVisits"));
        // 1, 2, 3 days: ranks 1, 1.5 and 1.8
        assertEquals(2.0 * DAY, number(qualify, "medianActualSeconds"));
        assertEquals(2.5 * DAY, number(qualify, "p75ActualSeconds"));
        assertEquals(2.8 * DAY, number(qualify, "p90ActualSeconds"), 0.0005);
        assertEquals(List.of(2, 0, 0), List.of(qualify.get("rushed"), qualify.get("slow"), qualify.get("skipped")));
        assertEquals(List.of(1, 1), List.of(qualify.get("openVisits"), qualify.get("frozen")));
        assertEquals(0.6667, number(qualify, "conversionRate"));

        Map<String, Object> discover = row(rows, "stage", "discover");
        assertEquals(5, discover.get("closedVisits"));
        // 0 (skipped), 3, 4, 12, 20 days: median 4 d, p75 12 d, p90 12 + 0.6 × 8 = 16.8 d
        assertEquals(4.0 * DAY, number(discover, "medianActualSeconds"));
        assertEquals(12.0 * DAY, number(discover, "p75ActualSeconds"));
        assertEquals(16.8 * DAY, number(discover, "p90ActualSeconds"), 0.0005);
        assertEquals(List.of(2, 1, 1), List.of(discover.get("rushed"), discover.get("slow"), discover.get("skipped")));
        assertEquals(0.5, number(discover, "conversionRate"), "propose and won of four ended by an event");

        Map<String, Object> propose = row(rows, "stage", "propose");
        // the deal won from discover skipped propose: a closed visit of 0 s, not one ended by an event
        assertEquals(List.of(1, 1, 2, 2), List.of(propose.get("closedVisits"), propose.get("skipped"),
                propose.get("openVisits"), propose.get("frozen")));
        assertEquals(0.0, number(propose, "medianActualSeconds"));
        assertNull(propose.get("conversionRate"));
        Map<String, Object> negotiate = row(rows, "stage", "negotiate");
        assertEquals(List.of(1, 0), List.of(negotiate.get("skipped"), negotiate.get("openVisits")));
    }

    @Test
    void standardsLearnFromVisitsOfWonDealsFromTenVisitsOn() {
        String p = createStandardPipeline();
        List<List<Map<String, Object>>> deals = new ArrayList<>();
        for (int i = 1; i <= 9; i++) { // qualify i days, discover and propose 2 days, negotiate skipped
            deals.add(deal(p, "ana", "qualify", 0, "discover", i, "propose", i + 2, "won", i + 4));
        }
        deals.add(deal(p, "ana", "qualify", 0, "discover", 10, "won", 12)); // propose and negotiate skipped
        deals.add(deal(p, "ana", "qualify", 0, "discover", 100, "lost", 101));   // not won
        deals.add(deal(p, "ana", "qualify", 0, "discover", 50, "won", 51, "qualify", 52)); // reopened
        post(deals);

        JsonPath rows = json("/api/v1/analytics/standards", p);
        assertEquals(List.of("qualify", "discover", "propose", "negotiate"), rows.getList("stage"));
        Map<String, Object> qualify = row(rows, "stage", "qualify");
        assertEquals(10, qualify.get("wonVisits"));
        assertEquals(5 * DAY, ((Number) qualify.get("standardSeconds")).longValue());
        // 1..10 days: median 5.5 d, p75 at rank 6.75: 7.75 d
        assertEquals(5.5 * DAY, number(qualify, "suggestedMedianSeconds"));
        assertEquals(7.75 * DAY, number(qualify, "suggestedP75Seconds"));
        assertEquals(2.0 * DAY, number(row(rows, "stage", "discover"), "suggestedMedianSeconds"));
        Map<String, Object> propose = row(rows, "stage", "propose");
        assertEquals(9, propose.get("wonVisits"));
        assertNull(propose.get("suggestedMedianSeconds"), "no suggestion below 10 visits");
        assertNull(propose.get("suggestedP75Seconds"));
        assertEquals(0, row(rows, "stage", "negotiate").get("wonVisits"), "skipped visits are not evidence");

        // the window selects visits by their end
        JsonPath early = json("/api/v1/analytics/standards", p, "to", day(5));
        assertEquals(4, row(early, "stage", "qualify").get("wonVisits"));
    }
}
