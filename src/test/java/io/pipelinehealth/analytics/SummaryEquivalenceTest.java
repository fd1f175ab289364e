package io.pipelinehealth.analytics;

import static io.pipelinehealth.analytics.AnalyticsFixtures.DAY;
import static io.pipelinehealth.analytics.AnalyticsFixtures.T0;
import static io.pipelinehealth.analytics.AnalyticsFixtures.json;
import static io.pipelinehealth.support.Fixtures.createPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.pipelinehealth.support.Fixtures;
import io.pipelinehealth.visit.SummaryCompactor;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 23: rep and stage analytics read from the summary (V22) give the very figures the closed
 * visits give. Two pipelines get the same random histories; the second also gets one deal whose
 * visit ends after asOf, so its summary does not cover the window and its analytics read the
 * visits. Every figure must agree, but for what that one deal adds (an open visit of its own rep).
 * The histories arrive in two shuffled halves with the deltas folded in between, and some late
 * events split visits already summarized, so removals, folds and deltas are all in play.
 */
@QuarkusTest
class SummaryEquivalenceTest {

    private static final String[] FLOW = {"qualify", "discover", "propose", "negotiate"};
    private static final String POISON_OWNER = "zz-late";
    /** After every history below; the late deal's visit ends after it, yet before the server's clock. */
    private static final String AS_OF = T0.plusSeconds(320 * DAY).toString();

    @Inject
    SummaryCompactor compactor;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void summaryAndVisitsGiveTheSameFigures(boolean workingTime) {
        Map<String, Object> body = standardPipeline(List.of(Map.of("when", Map.of("region", "emea"),
                "stage", "discover", "standard", "P15D")));
        if (workingTime) {
            body.put("calendar", Map.of("zone", "Europe/Paris", "hours", Map.of("from", "09:00", "to", "18:00")));
        }
        String summarized = createPipeline(body);
        String scanned = createPipeline(body);
        Random random = new Random(workingTime ? 23 : 42);
        List<List<Map<String, Object>>> deals = new ArrayList<>();
        for (int d = 0; d < 120; d++) {
            deals.add(deal(random));
        }
        ingest(deals, summarized, scanned);
        String late = unique("late");
        Fixtures.post(List.of(event(late + "-e0", late, scanned, "qualify", T0.toString(), POISON_OWNER),
                event(late + "-e1", late, scanned, "discover", T0.plusSeconds(330 * DAY).toString(), POISON_OWNER)))
                .statusCode(200);

        List<Map<String, Object>> fast = rows(json("/api/v1/analytics/reps", summarized, "asOf", AS_OF));
        List<Map<String, Object>> slow = rows(json("/api/v1/analytics/reps", scanned, "asOf", AS_OF));
        slow.removeIf(row -> POISON_OWNER.equals(row.get("ownerId")));
        assertEquals(slow, fast);
        assertNotEquals(List.of(), fast);

        List<Map<String, Object>> fastStages = rows(json("/api/v1/analytics/stages", summarized, "asOf", AS_OF));
        List<Map<String, Object>> slowStages = rows(json("/api/v1/analytics/stages", scanned, "asOf", AS_OF));
        Map<String, Object> qualify = slowStages.get(0);
        assertEquals(1, ((Number) qualify.get("openVisits")).intValue() - ((Number) fastStages.get(0).get("openVisits")).intValue());
        qualify.put("openVisits", fastStages.get(0).get("openVisits"));
        qualify.put("frozen", fastStages.get(0).get("frozen"));
        assertEquals(slowStages, fastStages);

        for (String owner : List.of("ana", "bob", "eve")) {
            Map<String, Object> fastProfile = json("/api/v1/reps/" + owner + "/profile", summarized, "asOf", AS_OF)
                    .getMap("stages[0]");
            Map<String, Object> slowProfile = json("/api/v1/reps/" + owner + "/profile", scanned, "asOf", AS_OF)
                    .getMap("stages[0]");
            fastProfile.remove("pipelineId");
            slowProfile.remove("pipelineId");
            assertEquals(slowProfile, fastProfile, owner + "'s profile");
        }
    }

    /** Deals of five reps with random second-precise durations, ties, skips, returns and losses. */
    private static List<Map<String, Object>> deal(Random random) {
        String owner = List.of("ana", "bob", "eve", "joe", "kim").get(random.nextInt(5));
        List<String[]> steps = new ArrayList<>();
        long at = random.nextInt(100) * DAY + random.nextInt(86_400);
        int stage = 0;
        steps.add(new String[] {FLOW[0], Long.toString(at)});
        while (true) {
            // a third of the durations are whole days, so equal values meet at bucket edges
            long spent = random.nextInt(3) == 0 ? random.nextInt(20) * DAY : (long) (random.nextDouble() * 25 * DAY);
            at += spent;
            int roll = random.nextInt(10);
            if (roll == 0 || at > 300 * DAY) {
                steps.add(new String[] {"lost", Long.toString(at)});
                break;
            }
            if (roll == 1 && stage > 0) {
                stage--;
            } else {
                stage += roll == 2 ? 2 : 1; // a skip now and then
            }
            if (stage >= FLOW.length) {
                steps.add(new String[] {"won", Long.toString(at)});
                break;
            }
            steps.add(new String[] {FLOW[stage], Long.toString(at)});
            if (random.nextInt(8) == 0) {
                break; // still open
            }
        }
        List<Map<String, Object>> events = new ArrayList<>();
        String region = random.nextBoolean() ? "emea" : "amer";
        for (String[] step : steps) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("stage", step[0]);
            event.put("occurredAt", T0.plusSeconds(Long.parseLong(step[1])).toString());
            event.put("ownerId", owner);
            event.put("attributes", Map.of("region", region));
            events.add(event);
        }
        return events;
    }

    /** The same deals into both pipelines, as two shuffled halves with a fold in between. */
    private void ingest(List<List<Map<String, Object>>> deals, String... pipelines) {
        List<List<Map<String, Object>>> halves = List.of(new ArrayList<>(), new ArrayList<>());
        for (String pipeline : pipelines) {
            for (List<Map<String, Object>> deal : deals) {
                String opportunity = unique("o");
                for (int i = 0; i < deal.size(); i++) {
                    Map<String, Object> event = new LinkedHashMap<>(deal.get(i));
                    event.put("eventId", opportunity + "-e" + i);
                    event.put("opportunityId", opportunity);
                    event.put("pipelineId", pipeline);
                    // the middle events of a third of the deals come late: they split summarized visits
                    boolean late = deal.size() > 2 && i == 1 && Math.floorMod(opportunity.hashCode(), 3) == 0;
                    halves.get(late || i % 2 == 1 ? 1 : 0).add(event);
                }
            }
        }
        for (List<Map<String, Object>> half : halves) {
            Collections.shuffle(half, new Random(half.size()));
            for (int from = 0; from < half.size(); from += 500) {
                Fixtures.post(half.subList(from, Math.min(half.size(), from + 500))).statusCode(200);
            }
            compactor.compact();
        }
    }

    private static List<Map<String, Object>> rows(JsonPath json) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : json.<Map<String, Object>>getList("")) {
            Map<String, Object> copy = new LinkedHashMap<>(row);
            copy.remove("pipelineId");
            rows.add(copy);
        }
        return rows;
    }
}
