package io.pipelinehealth.analytics;

import static io.pipelinehealth.analytics.AnalyticsFixtures.reps;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rule 11 against chance: 30 reps who all work alike (every visit drawn from the same rushed, slow
 * and on-track shares) over 20 seeds. The old share-only rule flagged some of them in most
 * pipelines; the rule with evidence flags none.
 */
@QuarkusTest
class ChanceFlagsTest {

    private static final List<String> STAGES = List.of("qualify", "discover", "propose", "negotiate");
    private static final long[] STANDARD_DAYS = { 5, 10, 7, 5 };
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void thirtyRepsWhoWorkAlikeAreNeverFlagged() {
        int shareOnlyFlags = 0;
        for (int seed = 1; seed <= 20; seed++) {
            String p = createStandardPipeline();
            Fixtures.post(history(p, new SplittableRandom(seed))).statusCode(200);
            for (Map<String, Object> row : reps(p, "asOf", "2026-06-01T00:00:00Z").<Map<String, Object>>getList("")) {
                assertEquals("NONE", row.get("pattern"), "seed " + seed + ": " + row);
                long n = ((Number) row.get("closedVisits")).longValue();
                long rushed = ((Number) row.get("rushed")).longValue() + ((Number) row.get("skipped")).longValue();
                long slow = ((Number) row.get("slow")).longValue();
                if (n >= 5 && (rushed >= 0.6 * n || slow >= 0.6 * n)) {
                    shareOnlyFlags++;
                }
            }
        }
        // the histories are such that a rule on shares alone would have flagged reps by chance
        assertTrue(shareOnlyFlags >= 10, "only " + shareOnlyFlags + " cells over the old rule's share");
    }

    /** Every rep 5 to 9 deals through the four stages to won; each visit rushed at 45 %, slow at 15 %. */
    private static List<Map<String, Object>> history(String pipeline, SplittableRandom random) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int rep = 0; rep < 30; rep++) {
            int deals = 5 + random.nextInt(5);
            for (int d = 0; d < deals; d++) {
                String deal = pipeline + "-r" + rep + "-d" + d;
                Instant at = START.plus(Duration.ofHours(random.nextInt(24 * 120)));
                for (int s = 0; s < STAGES.size(); s++) {
                    events.add(event(deal + "-" + s, deal, pipeline, STAGES.get(s), at.toString(), "rep" + rep));
                    double draw = random.nextDouble();
                    double factor = draw < 0.45 ? 0.3 : draw < 0.60 ? 2.0 : 1.0;
                    at = at.plusSeconds(Math.round(STANDARD_DAYS[s] * 86_400 * factor));
                }
                events.add(event(deal + "-won", deal, pipeline, "won", at.toString(), "rep" + rep));
            }
        }
        return events;
    }
}
