package io.pipelinehealth.transition;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pipelinehealth.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ingest counters through the API. They have no labels, so a delta is exact only when nothing
 * else ingests in the application meanwhile. Hence the profile: Quarkus starts an application for
 * it and runs the test classes of one profile together, so this application serves only this
 * class and {@link GroupCommitTest}, one test at a time, each waiting for every request it sends.
 * (The profile's wide group-commit window makes each request here wait 400 ms; it counts the same.)
 */
@QuarkusTest
@TestProfile(GroupCommitTest.WideWindow.class)
class IngestMetricsTest {

    private static double counter(String name) {
        return Metrics.scrape().sample(name);
    }

    private static void assertCounted(double stored, double duplicates, Runnable batch) {
        double storedBefore = counter("pipeline_health_transitions_stored_total");
        double duplicatesBefore = counter("pipeline_health_transitions_duplicates_total");
        batch.run();
        assertEquals(stored, counter("pipeline_health_transitions_stored_total") - storedBefore, "stored");
        assertEquals(duplicates, counter("pipeline_health_transitions_duplicates_total") - duplicatesBefore,
                "duplicates");
    }

    @Test
    void storedAndDuplicateEventsAreCountedInMetrics() {
        String pipeline = createStandardPipeline();
        String o = unique("o");
        List<Map<String, Object>> two = history(o, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z",
                "discover", "2026-01-02T00:00:00Z");
        assertCounted(2, 0, () -> post(two).statusCode(200));
        assertCounted(0, 2, () -> post(two).statusCode(200));
        List<Map<String, Object>> oneNew = List.of(two.get(1),
                event(o + "-new", o, pipeline, "propose", "2026-01-03T00:00:00Z", "ana"));
        assertCounted(1, 1, () -> post(oneNew).statusCode(200));
        // a refused batch counts nothing
        assertCounted(0, 0, () -> post(List.of(event(o + "-bad", o, pipeline, "nowhere", "2026-01-04T00:00:00Z",
                "ana"))).statusCode(422));
    }
}
