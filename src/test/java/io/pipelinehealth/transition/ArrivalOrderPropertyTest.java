package io.pipelinehealth.transition;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DOMAIN rule 1 through the API and the database, over random histories: the same events posted
 * in order as one batch, or shuffled, split into random batches and partly replayed, give the same
 * opportunity view at every asOf. Seeds are fixed so a failure reproduces; the pure derivation's
 * properties are in {@code visit.VisitDeriverPropertiesTest}.
 */
@QuarkusTest
class ArrivalOrderPropertyTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final List<String> STAGES = List.of("qualify", "discover", "propose", "negotiate", "won", "lost");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void shuffledBatchedAndReplayedEventsGiveTheSameViews(long seed) {
        Random random = new Random(seed);
        String pipeline = createStandardPipeline();
        String inOrder = unique("pa");
        String shuffled = unique("pb");
        List<Step> history = randomHistory(random);

        post(events(inOrder, pipeline, history)).statusCode(200);

        List<Map<String, Object>> scrambled = new ArrayList<>(events(shuffled, pipeline, history));
        Collections.shuffle(scrambled, random);
        int stored = 0;
        for (int from = 0; from < scrambled.size(); ) {
            int to = Math.min(scrambled.size(), from + 1 + random.nextInt(4));
            List<Map<String, Object>> batch = new ArrayList<>(scrambled.subList(from, to));
            if (from > 0 && random.nextBoolean()) {
                batch.add(scrambled.get(random.nextInt(from))); // a retry of an earlier event: a duplicate
            }
            int storedNow = post(batch).statusCode(200).extract().path("stored");
            stored += storedNow;
            from = to;
        }
        assertEquals(history.size(), stored, "each event stored once, whatever the batches and retries");

        for (int day = 0; day <= 70; day += 7) {
            String asOf = START.plusSeconds(day * 86_400L + 3_600).toString();
            assertEquals(view(inOrder, asOf), view(shuffled, asOf), "seed " + seed + ", asOf " + asOf);
        }
    }

    /** Stage and instant of each event; owners and attributes vary so later events must win. */
    private record Step(String suffix, String stage, Instant at, String owner, String region) {
    }

    private static List<Step> randomHistory(Random random) {
        List<Step> steps = new ArrayList<>();
        int count = 2 + random.nextInt(12);
        for (int i = 0; i < count; i++) {
            Instant at = START.plusSeconds(random.nextInt(60 * 4) * 6L * 3_600); // many same-instant ties
            steps.add(new Step(Integer.toString(i, 36) + (char) ('a' + random.nextInt(26)),
                    STAGES.get(random.nextInt(STAGES.size())), at,
                    random.nextBoolean() ? "ana" : "bob", random.nextInt(3) == 0 ? "south" : "north"));
        }
        return steps;
    }

    private static List<Map<String, Object>> events(String opportunity, String pipeline, List<Step> history) {
        return history.stream()
                .map(step -> with(event(opportunity + "-" + step.suffix(), opportunity, pipeline, step.stage(),
                        step.at().toString(), step.owner()), "attributes", Map.of("region", step.region())))
                .toList();
    }

    /** The opportunity view without its id, or its status code where there is none yet. */
    private static String view(String opportunity, String asOf) {
        var response = opportunity(opportunity, asOf).extract();
        if (response.statusCode() != 200) {
            opportunity(opportunity, asOf).statusCode(equalTo(404));
            return "404";
        }
        return response.body().asString().replace(opportunity, "<id>");
    }
}
