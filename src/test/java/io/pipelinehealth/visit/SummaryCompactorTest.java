package io.pipelinehealth.visit;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
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
}
