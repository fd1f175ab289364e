package io.pipelinehealth.analytics;

import static io.pipelinehealth.analytics.AnalyticsFixtures.DAY;
import static io.pipelinehealth.analytics.AnalyticsFixtures.day;
import static io.pipelinehealth.analytics.AnalyticsFixtures.deal;
import static io.pipelinehealth.analytics.AnalyticsFixtures.json;
import static io.pipelinehealth.analytics.AnalyticsFixtures.post;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipelinehealth.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET /api/v1/reps/{ownerId}/profile: stage rows by visit owner, deals by current owner (rule 10). */
@QuarkusTest
class RepProfileTest {

    private static JsonPath profile(String owner, String pipeline, String... params) {
        return json("/api/v1/reps/" + owner + "/profile", pipeline, params);
    }

    @Test
    void stageRowsFollowTheVisitOwnerAndDealsTheCurrentOwner() {
        String p = createStandardPipeline();
        String ana = unique("ana");
        String bob = unique("bob");
        String handedOver = unique("o");
        // ana enters qualify; bob takes the deal over at the same stage on day 3 (no new visit)
        Fixtures.post(List.of(
                event(handedOver + "-1", handedOver, p, "qualify", day(0), ana),
                event(handedOver + "-2", handedOver, p, "qualify", day(3), bob))).statusCode(200);
        post(List.of(
                deal(p, ana, "qualify", 0, "discover", 1, "lost", 2), // ana: -4 d at qualify
                deal(p, bob, "qualify", 0, "discover", 9),      // bob: +4 d at qualify
                deal(p, bob, "qualify", 0, "discover", 7),      // bob: +2 d
                deal(p, bob, "propose", -5)));                  // bob: open at propose (P7D) for 25 d

        JsonPath anaProfile = profile(ana, p, "asOf", day(20));
        assertEquals(List.of("qualify", "discover"), anaProfile.getList("stages.stage"));
        assertEquals(1, anaProfile.getInt("stages[0].openVisits"), "the handed-over visit is still ana's visit");
        assertEquals(1, anaProfile.getInt("stages[0].closedVisits"));
        assertEquals(-4.0 * DAY, anaProfile.getDouble("stages[0].medianDeviationSeconds"));
        // all reps at qualify: -4, +2, +4 days
        assertEquals(2.0 * DAY, anaProfile.getDouble("stages[0].pipelineMedianDeviationSeconds"));
        assertEquals(List.of(), anaProfile.getList("openDeals"), "ana no longer owns the deal");

        JsonPath bobProfile = profile(bob, p, "asOf", day(20));
        assertEquals(List.of("qualify", "discover", "propose"), bobProfile.getList("stages.stage"));
        assertEquals(0, bobProfile.getInt("stages[0].openVisits"));
        // ranked by seconds past the standard: propose 25 d vs 7, qualify 20 d vs 5, discover 13 d and 11 d vs 10
        List<String> ranked = bobProfile.getList("openDeals.opportunityId");
        assertEquals(4, ranked.size());
        assertEquals(handedOver, ranked.get(1));
        assertEquals(List.of(18 * DAY, 15 * DAY, 3 * DAY, DAY),
                bobProfile.getList("openDeals.secondsPastStandard", Long.class));
        assertEquals(List.of(true, true, false, false), bobProfile.getList("openDeals.frozen"));
        assertEquals(List.of("propose", "qualify", "discover", "discover"), bobProfile.getList("openDeals.stage"));
        assertEquals(bobProfile.getList("openDeals.opportunityId").subList(0, 2),
                bobProfile.getList("frozenDeals.opportunityId"));

        // before the hand-over, ana was the current owner
        assertEquals(List.of(handedOver), profile(ana, p, "asOf", day(2)).getList("openDeals.opportunityId"));
    }

    @Test
    void unknownRepHasAnEmptyProfile() {
        String p = createStandardPipeline();
        JsonPath empty = profile(unique("nobody"), p);
        assertEquals(List.of(), empty.getList("stages"));
        assertEquals(List.of(), empty.getList("openDeals"));
        assertEquals(List.of(), empty.getList("frozenDeals"));
    }
}
