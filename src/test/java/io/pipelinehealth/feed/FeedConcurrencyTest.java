package io.pipelinehealth.feed;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.identity.Bootstrap;
import io.pipelinehealth.support.PinnedClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The change cursor under concurrent writers: a change committed after a reader's pull but
 * numbered below the reader's cursor is never skipped.
 */
@QuarkusTest
@PinnedClock("2026-03-01T00:00:00Z") // open visits' elapsed seconds are as of the pull: one instant for all pulls
class FeedConcurrencyTest {

    @Inject
    AgroalDataSource dataSource;

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
     * The property of {@link FeedConcurrencyProperties}, run by jqwik through the JUnit Platform
     * launcher inside this Quarkus test (jqwik cannot start the application itself). Its failures,
     * with jqwik's seed and shrunk sample, fail this test.
     */
    @Test
    void concurrentDerivationsWhileAReaderPullsInALoopNeverLoseAChange() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(DiscoverySelectors.selectClass(FeedConcurrencyProperties.class))
                .filters(EngineFilter.includeEngines("jqwik")).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        StringWriter failures = new StringWriter();
        summary.printFailuresTo(new PrintWriter(failures), 40);
        assertEquals(1, summary.getTestsFoundCount(), "jqwik found the property");
        assertEquals(0, summary.getTotalFailureCount(), failures.toString());
        assertEquals(1, summary.getTestsSucceededCount());
    }
}
