package io.pipelinehealth.feed;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.MutableTestClock;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.identity.Bootstrap;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The change cursor under concurrent writers: a change committed after a reader's pull but
 * numbered below the reader's cursor is never skipped.
 */
@QuarkusTest
class FeedConcurrencyTest {

    private static final List<String> STAGES = List.of("qualify", "discover", "propose", "negotiate", "won", "lost");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MutableTestClock clock;

    /** Open visits' elapsed seconds are as of the pull: one instant for every pull of a test. */
    @BeforeEach
    void pin() {
        clock.set(Instant.parse("2026-03-01T00:00:00Z"));
    }

    @AfterEach
    void unpin() {
        clock.reset();
    }

    /**
     * The classic trap, made to happen: T1 writes a change and stays open; T2 (a whole derivation,
     * through the API) writes later and commits first, so its number is higher. A reader pulling
     * now must not move its cursor past T1: once T1 commits, the next pull still brings its change.
     */
    @Test
    void aChangeCommittedAfterTheReadersPullButNumberedBelowItIsNotSkipped() throws SQLException {
        String pipeline = createStandardPipeline();
        String first = unique("t1");
        String second = unique("t2");
        post(history(first, pipeline, "ana", "qualify", "2026-01-01T00:00:00Z")).statusCode(200);
        FeedClient client = new FeedClient(pipeline);
        client.full(100);
        String key = client.table.keySet().iterator().next();

        try (Connection t1 = TenantContext.call(Bootstrap.TENANT, this::connection)) {
            t1.setAutoCommit(false);
            try (PreparedStatement change = t1.prepareStatement(
                    "update visit_change set changed_by = pg_current_xact_id() where visit_key = ?")) {
                change.setString(1, key);
                assertEquals(1, change.executeUpdate());
            }
            post(history(second, pipeline, "bob", "qualify", "2026-01-02T00:00:00Z")).statusCode(200); // T2 commits
            List<Map<String, Object>> whileOpen = client.incremental(100);
            assertTrue(whileOpen.stream().noneMatch(r -> key.equals(r.get("visitKey"))), "T1 has not committed");
            t1.commit();
        }
        List<Map<String, Object>> after = new ArrayList<>(client.incremental(100));
        assertTrue(after.stream().anyMatch(r -> key.equals(r.get("visitKey"))), "T1's change, numbered below T2's");
        FeedClient fresh = new FeedClient(pipeline);
        fresh.full(100);
        assertEquals(fresh.table, client.table);
        assertTrue(client.table.values().stream().anyMatch(r -> second.equals(r.get("opportunityId"))));
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writers post late, duplicate and shuffled events to shared deals (so their derivations
     * contend) while a reader pulls incrementally in a loop; after the writers stop, one more pull
     * must leave the reader's table equal to a fresh full pull, whatever the interleaving. Several
     * seeds, each a different random history and schedule.
     */
    @Test
    void concurrentDerivationsWhileAReaderPullsInALoopNeverLoseAChange() throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            round(seed);
        }
    }

    private void round(long seed) throws Exception {
        String pipeline = createStandardPipeline();
        List<String> deals = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            deals.add(unique("c" + seed + "-" + i));
        }
        FeedClient client = new FeedClient(pipeline);
        client.full(50);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger pulls = new AtomicInteger();
        AtomicInteger eventIds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                Random random = new Random(seed * 31 + w);
                writers.add(pool.submit(() -> {
                    for (int batch = 0; batch < 12; batch++) {
                        List<Map<String, Object>> events = new ArrayList<>();
                        for (int e = 0; e < 1 + random.nextInt(4); e++) {
                            String deal = deals.get(random.nextInt(deals.size()));
                            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(30) * 86_400L);
                            events.add(event(deal + "-" + eventIds.incrementAndGet(), deal, pipeline,
                                    STAGES.get(random.nextInt(STAGES.size())), at.toString(), "o" + random.nextInt(3)));
                        }
                        if (random.nextInt(4) == 0) {
                            events.add(events.get(0)); // a duplicate in the batch
                        }
                        post(events).statusCode(200);
                    }
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                while (writing.get()) {
                    client.incremental(7); // small pages: the pinned horizon spans several
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
        client.incremental(7);
        FeedClient fresh = new FeedClient(pipeline);
        fresh.full(1000);
        assertFalse(fresh.table.isEmpty());
        assertTrue(pulls.get() > 0);
        assertEquals(fresh.table, client.table, "seed " + seed + " after " + pulls.get() + " pulls");
    }
}
