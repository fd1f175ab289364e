package io.pipelinehealth.feed;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The feed's change cursor under concurrent derivations, as a jqwik property. Not a test class of
 * its own (the name matches no surefire pattern): jqwik cannot start Quarkus, whose test support
 * is a JUnit Jupiter extension, so {@link FeedConcurrencyTest} (a {@code @QuarkusTest}) runs this
 * class through the JUnit Platform launcher while the application is up, and it talks to that
 * application over HTTP like any client.
 */
class FeedConcurrencyProperties {

    private static final List<String> STAGES = List.of("qualify", "discover", "propose", "negotiate", "won", "lost");
    private static final int DEALS = 6;

    /** One event of a batch: which deal, stage, day of January and owner; {@code again} repeats it in the batch. */
    record Step(int deal, int stage, int day, int owner) {
    }

    record Batch(List<Step> steps, boolean duplicate) {
    }

    /**
     * Two writers post their batches (late, duplicate and shuffled events into shared deals, so
     * their derivations contend) while a reader pulls incrementally in a loop with small pages;
     * after the writers stop, one more pull must leave the reader's table equal to a fresh full
     * pull, whatever the histories and the interleaving.
     */
    @Property(tries = 12)
    void concurrentDerivationsWhileAReaderPullsInALoopNeverLoseAChange(
            @ForAll("writer") List<Batch> first, @ForAll("writer") List<Batch> second,
            @ForAll @IntRange(min = 1, max = 12) int pageSize) throws Exception {
        String pipeline = createStandardPipeline();
        String prefix = unique("p");
        FeedClient client = new FeedClient(pipeline);
        client.full(50);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger pulls = new AtomicInteger();
        AtomicInteger eventIds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (List<Batch> batches : List.of(first, second)) {
                writers.add(pool.submit(() -> {
                    for (Batch batch : batches) {
                        post(events(batch, prefix, pipeline, eventIds)).statusCode(200);
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    client.incremental(pageSize); // small pages: the pinned horizon spans several
                    pulls.incrementAndGet();
                }
                return null;
            });
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            reader.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        client.incremental(pageSize);
        FeedClient fresh = new FeedClient(pipeline);
        fresh.full(1000);
        assertFalse(fresh.table.isEmpty());
        assertEquals(fresh.table, client.table, "after " + pulls.get() + " pulls");
    }

    private static List<Map<String, Object>> events(Batch batch, String prefix, String pipeline, AtomicInteger ids) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (Step step : batch.steps()) {
            String deal = prefix + "-" + step.deal();
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(step.day() * 86_400L);
            events.add(event(deal + "-" + ids.incrementAndGet(), deal, pipeline, STAGES.get(step.stage()),
                    at.toString(), "o" + step.owner()));
        }
        if (batch.duplicate()) {
            events.add(events.get(0)); // the same event twice in one batch
        }
        return events;
    }

    @Provide
    Arbitrary<List<Batch>> writer() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, DEALS - 1),
                Arbitraries.integers().between(0, STAGES.size() - 1), Arbitraries.integers().between(0, 29),
                Arbitraries.integers().between(0, 2)).as(Step::new);
        Arbitrary<Batch> batch = Combinators.combine(step.list().ofMinSize(1).ofMaxSize(4),
                Arbitraries.of(true, false, false, false)).as(Batch::new);
        return batch.list().ofMinSize(1).ofMaxSize(12);
    }
}
