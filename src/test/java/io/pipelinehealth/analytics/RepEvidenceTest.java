package io.pipelinehealth.analytics;

import static io.pipelinehealth.analytics.AnalyticsFixtures.deal;
import static io.pipelinehealth.analytics.AnalyticsFixtures.number;
import static io.pipelinehealth.analytics.AnalyticsFixtures.post;
import static io.pipelinehealth.analytics.AnalyticsFixtures.query;
import static io.pipelinehealth.analytics.AnalyticsFixtures.reps;
import static io.pipelinehealth.analytics.AnalyticsFixtures.row;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DOMAIN rule 11 through HTTP: shares with Wilson intervals, the rest of the team as the
 * comparison, one-sided Fisher p-values, Benjamini–Hochberg q-values over the whole family, and a
 * pattern only with enough visits, a high share and q at or below alpha. qualify is P5D, discover
 * P10D, propose P7D.
 */
@QuarkusTest
class RepEvidenceTest {

    private static final String AS_OF = "2026-06-01T00:00:00Z";

    /** {@code count} deals of {@code owner} that spend {@code days} at {@code stage} before {@code next}. */
    private static void visits(List<List<Map<String, Object>>> deals, String p, String owner, int count, String stage,
            String next, double days) {
        for (int i = 0; i < count; i++) {
            deals.add(deal(p, owner, stage, 0, next, days));
        }
    }

    /** The rule's example: Ana 7 rushed of 8 at qualify; the other reps 4 of 20, none of them tested (4 visits each). */
    private static String workedExample(String ana) {
        String p = createStandardPipeline();
        List<List<Map<String, Object>>> deals = new ArrayList<>();
        visits(deals, p, ana, 7, "qualify", "discover", 1);
        visits(deals, p, ana, 1, "qualify", "discover", 5);
        for (int r = 0; r < 5; r++) {
            String other = "team-" + r;
            visits(deals, p, other, r < 4 ? 1 : 0, "qualify", "discover", 1);
            visits(deals, p, other, r < 4 ? 3 : 4, "qualify", "discover", 5);
        }
        post(deals);
        return p;
    }

    @Test
    void theRulesWorkedExampleToThePrintedDigits() {
        String p = workedExample("ana");
        Map<String, Object> ana = row(reps(p, "asOf", AS_OF, "stage", "qualify"), "ownerId", "ana");
        assertEquals(0.875, number(ana, "rushedShare"));
        assertEquals(0.5291, number(ana, "rushedShareLow"), 0.00005);
        assertEquals(0.9776, number(ana, "rushedShareHigh"), 0.00005);
        assertEquals(0.0, number(ana, "slowShare"));
        assertEquals(0.0, number(ana, "slowShareLow"));
        // Wilson at 0 of 8: centre and half-width are both z²/2n / (1 + z²/n)
        assertEquals(0.3244, number(ana, "slowShareHigh"), 0.00005);
        assertEquals(0.2, number(ana, "teamRushedShare"));
        assertEquals(0.0, number(ana, "teamSlowShare"));
        assertEquals(0.0018580, number(ana, "rushedP"), 0.00000005);
        assertEquals(1.0, number(ana, "slowP"), 1e-12, "0 slow: P(X >= 0) is 1");
        // The family is ana's two p-values (the other reps have 4 < minVisits visits each): m = 2,
        // so rushedQ = 2 × rushedP and slowQ = min(2 × 1 / 2, 1).
        assertEquals(2 * number(ana, "rushedP"), number(ana, "rushedQ"), 1e-15);
        assertEquals(1.0, number(ana, "slowQ"), 1e-12);
        assertEquals("SYSTEMATICALLY_RUSHED", ana.get("pattern"));

        Map<String, Object> other = row(reps(p, "asOf", AS_OF, "stage", "qualify"), "ownerId", "team-0");
        assertEquals(0.25, number(other, "rushedShare"));
        assertEquals(10 / 24.0, number(other, "teamRushedShare"), 1e-15, "ana's 7 of 8 and the three others' 3 of 16");
        assertNull(other.get("rushedP"), "4 visits < minVisits");
        assertNull(other.get("rushedQ"));
        assertEquals("NONE", other.get("pattern"));
    }

    @Test
    void fiveOfFiveAgainstATeamOfOneVisitIsNoEvidence() {
        String p = createStandardPipeline();
        List<List<Map<String, Object>>> deals = new ArrayList<>();
        visits(deals, p, "dan", 5, "qualify", "discover", 1);
        visits(deals, p, "eve", 1, "qualify", "discover", 5);
        post(deals);
        Map<String, Object> dan = row(reps(p, "asOf", AS_OF), "ownerId", "dan", "stage", "qualify");
        assertEquals(1.0, number(dan, "rushedShare"));
        assertEquals(0.0, number(dan, "teamRushedShare"));
        assertEquals(0.1667, number(dan, "rushedP"), 0.00005);
        assertEquals("NONE", dan.get("pattern"), "however high the share");
    }

    @Test
    void noFlagWithoutATeamOrWhenTheWholeTeamRushes() {
        String alone = createStandardPipeline();
        List<List<Map<String, Object>>> deals = new ArrayList<>();
        visits(deals, alone, "solo", 9, "qualify", "discover", 1);
        post(deals);
        Map<String, Object> solo = row(reps(alone, "asOf", AS_OF), "ownerId", "solo", "stage", "qualify");
        assertEquals(1.0, number(solo, "rushedShare"));
        assertNull(solo.get("teamRushedShare"), "no other rep: no team");
        assertNull(solo.get("rushedP"));
        assertNull(solo.get("rushedQ"));
        assertEquals("NONE", solo.get("pattern"));

        String everyone = createStandardPipeline();
        deals.clear();
        for (String rep : List.of("a", "b", "c", "d")) {
            visits(deals, everyone, rep, 8, "qualify", "discover", 1);
        }
        post(deals);
        for (Map<String, Object> row : reps(everyone, "asOf", AS_OF, "stage", "qualify").<Map<String, Object>>getList("")) {
            assertEquals(1.0, number(row, "rushedP"), 1e-12, "the standard is off, not a rep");
            assertEquals("NONE", row.get("pattern"));
        }
    }

    @Test
    void skippedCountsAsRushedAndSlowIsFlaggedToo() {
        String p = createStandardPipeline();
        List<List<Map<String, Object>>> deals = new ArrayList<>();
        // eve jumps qualify -> propose 8 times: 8 SKIPPED visits at discover, and 2 on track there
        for (int i = 0; i < 8; i++) {
            deals.add(deal(p, "eve", "qualify", 0, "propose", 5));
        }
        visits(deals, p, "eve", 2, "discover", "propose", 10);
        // fay is slow at propose (P7D: slow above 10.5 d) 8 times of 10
        visits(deals, p, "fay", 8, "propose", "negotiate", 11);
        visits(deals, p, "fay", 2, "propose", "negotiate", 7);
        // the team: 20 on-track visits at discover and at propose, 1 slow at propose
        for (int r = 0; r < 4; r++) {
            visits(deals, p, "t" + r, 5, "discover", "propose", 10);
            visits(deals, p, "t" + r, r == 0 ? 4 : 5, "propose", "negotiate", 7);
        }
        visits(deals, p, "t0", 1, "propose", "negotiate", 11);
        post(deals);

        JsonPath rows = reps(p, "asOf", AS_OF);
        Map<String, Object> eve = row(rows, "ownerId", "eve", "stage", "discover");
        assertEquals(List.of(10, 8), List.of(eve.get("closedVisits"), eve.get("skipped")));
        assertEquals(0.8, number(eve, "rushedShare"));
        assertEquals("SYSTEMATICALLY_RUSHED", eve.get("pattern"));
        Map<String, Object> fay = row(rows, "ownerId", "fay", "stage", "propose");
        assertEquals(0.8, number(fay, "slowShare"));
        assertEquals(1 / 20.0, number(fay, "teamSlowShare"), 1e-15, "the t-reps' 20 closed visits at propose, 1 slow");
        assertEquals("SYSTEMATICALLY_SLOW", fay.get("pattern"));
    }

    @Test
    void thresholdsAreQueryParametersAndTheFamilyIgnoresFilters() {
        String p = workedExample("ana");
        JsonPath all = reps(p, "asOf", AS_OF);
        Map<String, Object> ana = row(all, "ownerId", "ana", "stage", "qualify");
        // the same q-value whatever the rows asked for
        List<Map<String, Object>> same = new ArrayList<>(List.of(
                row(reps(p, "asOf", AS_OF, "ownerId", "ana"), "stage", "qualify"),
                row(reps(p, "asOf", AS_OF, "stage", "qualify"), "ownerId", "ana")));
        same.add(AnalyticsFixtures.json("/api/v1/reps/ana/profile", p, "asOf", AS_OF)
                .<Map<String, Object>>getList("stages").stream().filter(r -> "qualify".equals(r.get("stage")))
                .findFirst().orElseThrow());
        for (Map<String, Object> filtered : same) {
            assertEquals(number(ana, "rushedQ"), number(filtered, "rushedQ"));
            assertEquals(number(ana, "rushedShareLow"), number(filtered, "rushedShareLow"));
            assertEquals(number(ana, "teamRushedShare"), number(filtered, "teamRushedShare"));
            assertEquals("SYSTEMATICALLY_RUSHED", filtered.get("pattern"));
        }
        Map<String, Object> strict = row(reps(p, "asOf", AS_OF, "alpha", "0.001"), "ownerId", "ana", "stage", "qualify");
        assertEquals("NONE", strict.get("pattern"), "q 0.0037 > alpha 0.001");
        assertEquals(number(ana, "rushedQ"), number(strict, "rushedQ"));
        assertEquals("NONE", row(reps(p, "asOf", AS_OF, "share", "0.9"), "ownerId", "ana", "stage", "qualify").get("pattern"));
        Map<String, Object> fewer = row(reps(p, "asOf", AS_OF, "minVisits", "9"), "ownerId", "ana", "stage", "qualify");
        assertNull(fewer.get("rushedP"), "8 < minVisits 9");
        assertEquals("NONE", fewer.get("pattern"));
        // at minVisits 4 the other reps are tested too: a family of 12 p-values, and ana's q grows
        Map<String, Object> wider = row(reps(p, "asOf", AS_OF, "minVisits", "4"), "ownerId", "ana", "stage", "qualify");
        assertEquals(number(ana, "rushedP"), number(wider, "rushedP"));
        assertEquals(12 * number(ana, "rushedP"), number(wider, "rushedQ"), 1e-12);
        assertEquals("SYSTEMATICALLY_RUSHED", wider.get("pattern"));
        assertEquals("SYSTEMATICALLY_RUSHED",
                row(reps(p, "asOf", AS_OF, "alpha", "1"), "ownerId", "ana", "stage", "qualify").get("pattern"));
    }

    @Test
    void alphaOutOfRangeIsA422NamingAlpha() {
        String p = createStandardPipeline();
        for (String alpha : List.of("0", "-0.1", "1.01", "abc", "0.05x", "NaN")) {
            for (String path : List.of("/api/v1/analytics/reps", "/api/v1/reps/ana/profile")) {
                query(p, "alpha", alpha).get(path).then().statusCode(422).contentType("application/problem+json")
                        .body("errors[0].field", equalTo("alpha")).body("detail", containsString("alpha"));
            }
        }
    }

    @Test
    void csvCarriesTheEvidenceColumns() {
        String p = workedExample(unique("ana"));
        String csv = query(p, "asOf", AS_OF, "format", "csv").get("/api/v1/analytics/reps").then().statusCode(200)
                .extract().asString();
        String header = csv.lines().findFirst().orElseThrow();
        assertEquals("ownerId,pipelineId,stage,closedVisits,onTrack,rushed,slow,skipped,medianDeviationSeconds,"
                + "meanDeviationSeconds,p90DeviationSeconds,openVisits,frozen,pattern,rushedShare,rushedShareLow,"
                + "rushedShareHigh,slowShare,slowShareLow,slowShareHigh,teamRushedShare,teamSlowShare,rushedP,slowP,"
                + "rushedQ,slowQ,timeBasis", header);
    }
}
