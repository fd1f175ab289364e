package io.pipelinehealth.analytics;

import static io.pipelinehealth.analytics.AnalyticsFixtures.DAY;
import static io.pipelinehealth.analytics.AnalyticsFixtures.deal;
import static io.pipelinehealth.analytics.AnalyticsFixtures.number;
import static io.pipelinehealth.analytics.AnalyticsFixtures.post;
import static io.pipelinehealth.analytics.AnalyticsFixtures.reps;
import static io.pipelinehealth.analytics.AnalyticsFixtures.row;
import static io.pipelinehealth.analytics.AnalyticsFixtures.second;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GET /api/v1/analytics/reps: DOMAIN rules 8 and 10 per (rep, stage); rule 11 is RepEvidenceTest. qualify is P5D. */
@QuarkusTest
class RepAnalyticsTest {

    private static final String AS_OF = "2026-06-01T00:00:00Z";

    @Test
    void mediansInterpolateLinearlyForOddAndEvenCounts() {
        String p = createStandardPipeline();
        post(List.of(
                // ana: 1, 4 and 9 days at qualify: deviations -4, -1, +4 days
                deal(p, "ana", "qualify", 0, "discover", 1), deal(p, "ana", "qualify", 0, "discover", 4),
                deal(p, "ana", "qualify", 0, "discover", 9),
                // bob: 1, 2, 6, 10 days: deviations -4, -3, +1, +5 days
                deal(p, "bob", "qualify", 0, "discover", 1), deal(p, "bob", "qualify", 0, "discover", 2),
                deal(p, "bob", "qualify", 0, "discover", 6), deal(p, "bob", "qualify", 0, "discover", 10),
                // cy: 5 days + 1 s and 5 days + 2 s: deviations 1 s and 2 s
                deal(p, "cy", "qualify", second(0), "discover", second(5 * DAY + 1)),
                deal(p, "cy", "qualify", second(0), "discover", second(5 * DAY + 2))));
        JsonPath rows = reps(p, "asOf", AS_OF, "stage", "qualify");

        Map<String, Object> ana = row(rows, "ownerId", "ana");
        assertEquals(3, ana.get("closedVisits"));
        assertEquals(List.of(1, 1, 1, 0), List.of(ana.get("onTrack"), ana.get("rushed"), ana.get("slow"), ana.get("skipped")));
        assertEquals(-1.0 * DAY, number(ana, "medianDeviationSeconds"));
        assertEquals(-DAY / 3.0, number(ana, "meanDeviationSeconds"), 0.0005);
        // p90 at rank 0.9 × 2 = 1.8: -1 d + 0.8 × 5 d = 3 d
        assertEquals(3.0 * DAY, number(ana, "p90DeviationSeconds"));

        Map<String, Object> bob = row(rows, "ownerId", "bob");
        assertEquals(-1.0 * DAY, number(bob, "medianDeviationSeconds"));
        assertEquals(-DAY / 4.0, number(bob, "meanDeviationSeconds"));
        // rank 0.9 × 3 = 2.7: 1 d + 0.7 × 4 d = 3.8 d
        assertEquals(3.8 * DAY, number(bob, "p90DeviationSeconds"), 0.0005);
        assertEquals(List.of(1, 2, 1), List.of(bob.get("onTrack"), bob.get("rushed"), bob.get("slow")));

        Map<String, Object> cy = row(rows, "ownerId", "cy");
        assertEquals(1.5, number(cy, "medianDeviationSeconds"));
        assertEquals(1.5, number(cy, "meanDeviationSeconds"));
        assertEquals(1.9, number(cy, "p90DeviationSeconds"));
        assertEquals("NONE", cy.get("pattern"));
        assertEquals(p, cy.get("pipelineId"));
    }

    @Test
    void windowSelectsClosedVisitsByEndHalfOpenAndAsOf() {
        String p = createStandardPipeline();
        post(List.of(
                deal(p, "hal", "qualify", 0, "discover", 9),    // ends before the window
                deal(p, "hal", "qualify", 0, "discover", 10),   // ends at from: in
                deal(p, "hal", "qualify", 0, "discover", 12),   // in
                deal(p, "hal", "qualify", 0, "discover", 20),   // ends at to: out
                deal(p, "hal", "qualify", 0, "discover", 40))); // ends after asOf: open at asOf
        JsonPath rows = reps(p, "from", AnalyticsFixtures.day(10), "to", AnalyticsFixtures.day(20),
                "asOf", AnalyticsFixtures.day(30));
        Map<String, Object> qualify = row(rows, "ownerId", "hal", "stage", "qualify");
        assertEquals(2, qualify.get("closedVisits"));
        assertEquals(1, qualify.get("openVisits"));
        assertEquals(1, qualify.get("frozen"), "open 30 d > 15 d");
        // discover visits that began by asOf are open; one began after asOf and does not count
        assertEquals(4, row(rows, "ownerId", "hal", "stage", "discover").get("openVisits"));
        // asOf before to also cuts closed visits: only those ended by asOf
        assertEquals(1, row(reps(p, "from", AnalyticsFixtures.day(10), "to", AnalyticsFixtures.day(20),
                "asOf", AnalyticsFixtures.day(11)), "ownerId", "hal", "stage", "qualify").get("closedVisits"));
    }

    @Test
    void openAndFrozenVisitsCountForTheVisitOwnerAndWonDealsHaveNone() {
        String p = createStandardPipeline();
        post(List.of(
                deal(p, "ida", "negotiate", 0),                 // 15 d at asOf: exactly frozenAfter, not frozen
                deal(p, "ida", "negotiate", -1),                // 16 d: frozen
                deal(p, "ida", "negotiate", 10),                // 5 d: open
                deal(p, "ida", "negotiate", 1, "won", 2),       // won: no open visit
                deal(p, "ida", "negotiate", 1, "lost", 2)));    // lost: no open visit
        Map<String, Object> row = row(reps(p, "asOf", AnalyticsFixtures.day(15)), "ownerId", "ida");
        assertEquals(3, row.get("openVisits"));
        assertEquals(1, row.get("frozen"));
        assertEquals(2, row.get("closedVisits"));
        assertEquals("NONE", row.get("pattern"));
        // a rep with only open visits has a row with no deviation figures
        Map<String, Object> later = row(reps(p, "asOf", AnalyticsFixtures.day(15), "to", AnalyticsFixtures.day(1)),
                "ownerId", "ida");
        assertEquals(0, later.get("closedVisits"));
        assertNull(later.get("medianDeviationSeconds"));
        assertNull(later.get("meanDeviationSeconds"));
    }
}
