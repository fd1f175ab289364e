package io.pipelinehealth.visit;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.identity.Bootstrap;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary compactor's rounds between its full ones, with the schedule paused so the test runs them. */
@QuarkusTest
class SummaryCompactorTest {

    @Inject
    SummaryCompactor compactor;

    @Inject
    Scheduler scheduler;

    @Inject
    AgroalDataSource dataSource;

    private long deltas(String pipeline) {
        return TenantContext.call(Bootstrap.TENANT, () -> Long.parseLong(new NamedSql(
                "select count(*) from visit_summary_delta where tenant_id = :tenant and pipeline_id = :pipeline")
                .set("tenant", Bootstrap.TENANT).set("pipeline", pipeline).strings(dataSource).get(0)));
    }

    /** Such a round visits only the tenants noted when their deltas committed: an ingest's are folded. */
    @Test
    void aRoundBetweenFullRoundsFoldsTheDeltasThisProcessCommitted() {
        scheduler.pause(SummaryCompactor.SCHEDULE);
        try {
            compactor.round(); // a full round, if one is due, happens now: the next one is a minute away
            String pipeline = createStandardPipeline();
            post(history(unique("o"), pipeline, "ana", "qualify", "2026-01-01T00:00:00Z", "discover",
                    "2026-01-02T00:00:00Z")).statusCode(200);
            assertTrue(deltas(pipeline) > 0, "the derivation wrote summary deltas");
            compactor.round();
            assertEquals(0, deltas(pipeline), "the round folded them");
        } finally {
            scheduler.resume(SummaryCompactor.SCHEDULE);
        }
    }

    /** The pipeline's cells (V24) as text, one per line, or as its groups add up to them. */
    private List<String> cells(String pipeline, boolean fromGroups) {
        String sql = fromGroups ? """
                select measure, owner_id, stage, next_stage, %s
                from visit_summary where tenant_id = :tenant and pipeline_id = :pipeline
                group by measure, owner_id, stage, next_stage
                """.formatted(SummaryCellSql.COLUMNS) : """
                select measure, owner_id, stage, next_stage, n, on_track, rushed, slow, skipped, valued, value_sum,
                       min_left_at, max_left_at, buckets, counts
                from visit_summary_cell where tenant_id = :tenant and pipeline_id = :pipeline
                """;
        return TenantContext.call(Bootstrap.TENANT, () -> new NamedSql(
                "select string_agg(c::text, E'\\n' order by c::text) from (" + sql + ") c")
                .set("tenant", Bootstrap.TENANT).set("pipeline", pipeline).strings(dataSource));
    }

    /**
     * A fold rewrites the cells of the groups it touched, and deletes a cell whose groups are all
     * gone: here the visits ended by qualify -> propose, which a late discover event splits.
     */
    @Test
    void foldedCellsAreTheSumsOfTheirGroupsAndGoWithThem() {
        String pipeline = createStandardPipeline();
        String deal = unique("o");
        post(List.of(event(deal + "-e0", deal, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                event(deal + "-e2", deal, pipeline, "propose", "2026-01-09T00:00:00Z", "ana"))).statusCode(200);
        compactor.compact();
        List<String> before = cells(pipeline, false);
        assertTrue(before.get(0).contains("propose"), "a cell of visits ended by qualify -> propose: " + before);
        assertEquals(cells(pipeline, true), before);

        post(List.of(event(deal + "-e1", deal, pipeline, "discover", "2026-01-03T00:00:00Z", "ana"))).statusCode(200);
        compactor.compact();
        List<String> after = cells(pipeline, false);
        assertEquals(cells(pipeline, true), after, "no cell without groups, every cell its groups' sums");
        assertTrue(!after.get(0).contains("(t,,qualify,propose"), "the qualify -> propose cell is gone: " + after);
    }
}
