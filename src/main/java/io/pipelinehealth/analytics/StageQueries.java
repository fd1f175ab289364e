package io.pipelinehealth.analytics;

import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.pipeline.Pipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Stage rows over all reps, one per non-terminal stage of the current definition in pipeline
 * order. Percentiles are {@code percentile_cont} over actual seconds (skipped visits at 0),
 * rounded to the millisecond. conversionRate: of the closed VISITs ended by a stage event, the
 * share whose next stage comes later in the pipeline and is not LOST (4 decimals; null when none).
 * When the window holds every closed visit, the figures come from the summary instead
 * ({@link SummaryQueries}, the same figures without reading every visit).
 */
@ApplicationScoped
public class StageQueries {

    /**
     * "Later in the pipeline" compares positions in {@code :stageKeys}, which is bound in pipeline
     * order; the actual time is the column {@code actual_s} (V22), which the index {@code visit_closed_actual} orders.
     */
    private static final String STAGE_ROWS = """
            with closed as (
                select stage, kind, closed_status, closed_by, next_stage, actual_s as actual
                from visit
                where %s
            ),
            closed_rows as (
                select stage, count(*) as n,
                       percentile_cont(0.5) within group (order by actual) as p50,
                       percentile_cont(0.75) within group (order by actual) as p75,
                       percentile_cont(0.9) within group (order by actual) as p90,
                       count(*) filter (where closed_status = 'RUSHED') as rushed,
                       count(*) filter (where closed_status = 'SLOW') as slow,
                       count(*) filter (where closed_status = 'SKIPPED') as skipped,
                       count(*) filter (where kind = 'VISIT' and closed_by = 'EVENT') as ended_by_event,
                       count(*) filter (where kind = 'VISIT' and closed_by = 'EVENT'
                                        and array_position(:stageKeys::text[], next_stage)
                                            > array_position(:stageKeys::text[], stage)
                                        and next_stage <> all(:lostKeys::text[])) as advanced
                from closed
                group by stage
            ),
            """.formatted(AnalyticsWindow.CLOSED_VISITS) + RowsSql.STAGES;

    @Inject SerialSession sessions;

    public List<StageAnalyticsRow> rows(String tenant, Pipeline pipeline, AnalyticsWindow window) {
        NamedSql sql = StageRelation.bind(new NamedSql(ClosedActual.in(STAGE_ROWS, pipeline)), pipeline)
                .set("tenant", tenant).set("pipeline", pipeline.id())
                .set("asOf", window.asOf()).set("asOfSeconds", window.asOfSeconds())
                .set("from", window.from()).set("to", window.to());
        try (SerialSession.Session session = sessions.open()) {
            Optional<List<StageAnalyticsRow>> summarized = new SummaryQueries(session, tenant, pipeline)
                    .stageRows(window);
            if (summarized.isPresent()) {
                return summarized.get();
            }
            return sql.list(session.connection(), AnalyticsRows::stage);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }
}
