package io.pipelinehealth.analytics;

import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.pipeline.Pipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rep rows (DOMAIN rules 10 and 11) aggregated in PostgreSQL over the stored visit rows. A visit
 * belongs to the owner who entered the stage. Medians and percentiles are {@code percentile_cont}
 * (linear interpolation between closest ranks) over actual minus standard seconds, rounded to the
 * millisecond; means are exact averages rounded the same way. When the window holds every closed
 * visit, the figures come from the summary instead ({@link SummaryQueries}: the same figures).
 */
@ApplicationScoped
public class RepQueries {

    /**
     * Closed visits of the window, ended by asOf, with their deviation: the column
     * {@code deviation_s} (V22), by which the index {@code visit_closed_deviation} hands them over
     * already grouped and sorted.
     */
    private static final String CLOSED = """
            with closed as (
                select owner_id, stage, closed_status, deviation_s as deviation
                from visit
                where %s
                  and (:owner::text is null or owner_id = :owner::text)
                  and (:stage::text is null or stage = :stage::text)
            )
            """.formatted(AnalyticsWindow.CLOSED_VISITS);

    private static final String REP_ROWS = CLOSED + """
            , closed_rows as (
                select owner_id, stage, count(*) as n,
                       count(*) filter (where closed_status = 'ON_TRACK') as on_track,
                       count(*) filter (where closed_status = 'RUSHED') as rushed,
                       count(*) filter (where closed_status = 'SLOW') as slow,
                       count(*) filter (where closed_status = 'SKIPPED') as skipped,
                       percentile_cont(0.5) within group (order by deviation) as median,
                       avg(deviation) as mean,
                       percentile_cont(0.9) within group (order by deviation) as p90
                from closed
                group by owner_id, stage
            ),
            """ + RowsSql.REPS;

    /**
     * Rule 11's family: every rep's closed visits per stage in the window, whatever the rows asked
     * for. Read only when the rows are filtered; unfiltered rows already hold every cell.
     */
    private static final String FAMILY = CLOSED + """
            select owner_id, stage, count(*) as n,
                   count(*) filter (where closed_status in ('RUSHED', 'SKIPPED')) as rushed,
                   count(*) filter (where closed_status = 'SLOW') as slow
            from closed
            group by owner_id, stage
            """;

    /** The median deviation of all reps per stage, for the rep profile. */
    private static final String STAGE_MEDIANS = CLOSED + """
            select stage, trim_scale(round(percentile_cont(0.5) within group (order by deviation)::numeric, 3)) as median
            from closed
            group by stage
            """;

    @Inject SerialSession sessions;

    public List<RepStageRow> rows(String tenant, Pipeline pipeline, RepFilter filter, AnalyticsWindow window,
            PatternRule rule) {
        try (SerialSession.Session session = sessions.open()) {
            Optional<SummaryQueries.RepSummary> summarized = new SummaryQueries(session, tenant, pipeline)
                    .reps(filter.ownerId(), filter.stage(), window);
            return withEvidence(summarized.isPresent() ? summarized.get()
                    : fromVisits(session, tenant, pipeline, filter, window), rule);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /**
     * The rep profile's rows: one rep's rows, each beside the median deviation of all reps at its
     * stage. From the summary, both come from one read of its cells, in one snapshot.
     */
    public List<ProfileStage> profile(String tenant, Pipeline pipeline, String ownerId, AnalyticsWindow window,
            PatternRule rule) {
        try (SerialSession.Session session = sessions.open()) {
            Optional<SummaryQueries.ProfileSummary> summarized = new SummaryQueries(session, tenant, pipeline)
                    .profile(ownerId, window);
            SummaryQueries.RepSummary reps = summarized.isPresent() ? summarized.get().reps()
                    : fromVisits(session, tenant, pipeline, new RepFilter(ownerId, null), window);
            Map<String, BigDecimal> medians = summarized.isPresent() ? summarized.get().stageMedians()
                    : stageMedians(session, tenant, pipeline, window);
            return withEvidence(reps, rule).stream().map(row -> ProfileStage.of(row, medians.get(row.stage()))).toList();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    private static List<RepStageRow> withEvidence(SummaryQueries.RepSummary reps, PatternRule rule) {
        PatternEvidence evidence = PatternEvidence.of(reps.family(), rule);
        return reps.figures().stream().map(row -> row.with(evidence.of(row.ownerId(), row.stage()))).toList();
    }

    /** The rows' figures and rule 11's family from the closed visits. */
    private static SummaryQueries.RepSummary fromVisits(SerialSession.Session session, String tenant, Pipeline pipeline,
            RepFilter filter, AnalyticsWindow window) throws SQLException {
        NamedSql sql = StageRelation.bind(visits(new NamedSql(ClosedActual.in(REP_ROWS, pipeline)), tenant, pipeline.id(),
                filter, window), pipeline).set("asOfSeconds", window.asOfSeconds());
        List<RepStageRow.Figures> figures = sql.list(session.connection(),
                row -> AnalyticsRows.figures(row, pipeline.id()));
        List<StageCount> family = filter.isEmpty()
                ? figures.stream().filter(row -> row.closedVisits() > 0).map(RepStageRow.Figures::count).toList()
                : family(session, tenant, pipeline, window);
        return new SummaryQueries.RepSummary(figures, family);
    }

    private static List<StageCount> family(SerialSession.Session session, String tenant, Pipeline pipeline,
            AnalyticsWindow window) throws SQLException {
        NamedSql sql = visits(new NamedSql(ClosedActual.in(FAMILY, pipeline)), tenant, pipeline.id(),
                new RepFilter(null, null), window);
        return sql.list(session.connection(), row -> new StageCount(row.getString("owner_id"), row.getString("stage"),
                row.getLong("n"), row.getLong("rushed"), row.getLong("slow")));
    }

    /** Median deviation of all reps by stage, over the closed visits of the window. */
    private static Map<String, BigDecimal> stageMedians(SerialSession.Session session, String tenant, Pipeline pipeline,
            AnalyticsWindow window) throws SQLException {
        NamedSql sql = visits(new NamedSql(ClosedActual.in(STAGE_MEDIANS, pipeline)), tenant, pipeline.id(),
                new RepFilter(null, null), window);
        Map<String, BigDecimal> medians = new LinkedHashMap<>();
        sql.each(session.connection(), row -> medians.put(row.getString("stage"), row.getBigDecimal("median")));
        return medians;
    }

    private static NamedSql visits(NamedSql sql, String tenant, String pipelineId, RepFilter filter,
            AnalyticsWindow window) {
        return sql.set("tenant", tenant).set("pipeline", pipelineId)
                .set("owner", filter.ownerId()).set("stage", filter.stage())
                .set("asOf", window.asOf()).set("from", window.from()).set("to", window.to());
    }

    /** Optional narrowing of the rep rows to one owner and/or one stage. */
    public record RepFilter(String ownerId, String stage) {

        boolean isEmpty() {
            return ownerId == null && stage == null;
        }
    }
}
