package io.pipelinehealth.analytics;

import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.pipeline.Pipeline;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Rep and stage figures from the analytics summary (V60): the same rows as {@link RepQueries} and
 * {@link StageQueries} compute from the closed visits, read in time that grows with the number of
 * reps and stages instead of the number of visits. Each answer is empty when the window does not
 * hold every closed visit of the pipeline; the caller then reads the visits.
 */
final class SummaryQueries {

    private static final String CELLS = """
            cells as (
                select owner_id, stage, sum(n) as n, sum(on_track) as on_track, sum(rushed) as rushed,
                       sum(slow) as slow, sum(skipped) as skipped,
                       coalesce(sum(n) filter (where bucket is not null), 0) as valued,
                       sum(value_sum) filter (where bucket is not null) as value_sum
                from summary
                where measure = :d::"char" and (select covered from coverage)
                  and (:owner::text is null or owner_id = :owner::text) and (:stage::text is null or stage = :stage::text)
                group by owner_id, stage
            )""";

    private static final String DEVIATION = "(left_s - entered_s) - standard_s";
    /** A deviation bucket spans four of visit_summary_bucket's (V60, visit_summary_measures). */
    private static final int DEVIATION_SPAN = 4;

    private static final String REP_ROWS = "with " + String.join(",\n", SummarySql.SUMMARY, SummarySql.COVERAGE, CELLS,
            SummarySql.percentiles("rep_percentiles", "cells", List.of("owner_id", "stage"), List.of(0.5, 0.9), """
                    (select owner_id, stage, bucket, n from summary
                     where measure = :d::"char" and (select covered from coverage)
                       and (:owner::text is null or owner_id = :owner::text)
                       and (:stage::text is null or stage = :stage::text))""",
                    "owner_id = l.owner_id and stage = l.stage", DEVIATION, DEVIATION_SPAN)) + """
            ,
            open_rows as (
                select owner_id, stage, count(*) as open_visits,
                       count(*) filter (where :asOfSeconds - entered_s > frozen_after_s) as frozen
                from (%s) o
                where (select covered from coverage)
                  and (:owner::text is null or owner_id = :owner::text)
                  and (:stage::text is null or stage = :stage::text)
                group by owner_id, stage
            )
            ,
            closed_rows as (
                select c.owner_id, c.stage, c.n, c.on_track, c.rushed, c.slow, c.skipped, m.value as median,
                       c.value_sum / nullif(c.valued, 0) as mean, p.value as p90
                from cells c
                left join rep_percentiles m on m.owner_id = c.owner_id and m.stage = c.stage and m.q = 0.5
                left join rep_percentiles p on p.owner_id = c.owner_id and p.stage = c.stage and p.q = 0.9
            )
            select owner_id, stage,
                   coalesce(c.n, 0) as closed_visits, coalesce(c.on_track, 0) as on_track,
                   coalesce(c.rushed, 0) as rushed, coalesce(c.slow, 0) as slow, coalesce(c.skipped, 0) as skipped,
                   trim_scale(round(c.median::numeric, 3)) as median,
                   trim_scale(round(c.mean, 3)) as mean,
                   trim_scale(round(c.p90::numeric, 3)) as p90,
                   coalesce(o.open_visits, 0) as open_visits, coalesce(o.frozen, 0) as frozen
            from closed_rows c
            full join open_rows o using (owner_id, stage)
            left join %s on s.key = stage
            order by owner_id, s.ord, stage
            """.formatted(OpenVisits.SQL, StageRelation.SQL);

    /** Rule 11's family: every rep's closed visits per stage. */
    private static final String FAMILY = "with " + SummarySql.SUMMARY + ",\n" + SummarySql.COVERAGE + """
            
            select owner_id, stage, sum(n) as n, sum(rushed) + sum(skipped) as rushed, sum(slow) as slow
            from summary
            where measure = :d::"char" and (select covered from coverage)
            group by owner_id, stage
            """;

    /** The median deviation of all reps per stage: the buckets add up over the reps. */
    private static final String STAGE_MEDIANS = "with " + String.join(",\n", SummarySql.SUMMARY, SummarySql.COVERAGE, """
            stage_buckets as (
                select stage, bucket, sum(n) as n from summary
                where measure = :d::"char" and (select covered from coverage)
                group by stage, bucket
            ),
            stage_cells as (
                select stage, coalesce(sum(n) filter (where bucket is not null), 0) as valued
                from stage_buckets group by stage
            )""", SummarySql.percentiles("stage_medians", "stage_cells", List.of("stage"), List.of(0.5), "stage_buckets",
                    """
                    stage = l.stage and owner_id = any(array(select distinct owner_id from summary
                                                              where measure = :d::"char" and stage = l.stage))""",
                    DEVIATION, DEVIATION_SPAN)) + """
            
            select c.stage, trim_scale(round(m.value::numeric, 3)) as median
            from stage_cells c left join stage_medians m on m.stage = c.stage
            """;

    private static final String ACTUAL = "left_s - entered_s";

    private static final String STAGE_ROWS = "with " + String.join(",\n", SummarySql.SUMMARY, SummarySql.COVERAGE, """
            stage_cells as (
                select stage, sum(n) as valued from summary
                where measure = :a::"char" and (select covered from coverage)
                group by stage
            )""", SummarySql.percentiles("stage_percentiles", "stage_cells", List.of("stage"), List.of(0.5, 0.75, 0.9), """
                    (select stage, bucket, n from summary where measure = :a::"char" and (select covered from coverage))""",
                    "stage = l.stage", ACTUAL, 1)) + """
            ,
            statuses as (
                select stage, sum(rushed) as rushed, sum(slow) as slow, sum(skipped) as skipped
                from summary where measure = :d::"char"
                group by stage
            ),
            moves as (
                select stage, sum(n) as ended_by_event,
                       coalesce(sum(n) filter (where array_position(:stageKeys::text[], next_stage)
                                                     > array_position(:stageKeys::text[], stage)
                                                 and next_stage <> all(:lostKeys::text[])), 0) as advanced
                from summary where measure = :t::"char"
                group by stage
            ),
            open_rows as (
                select stage, count(*) as open_visits,
                       count(*) filter (where :asOfSeconds - entered_s > frozen_after_s) as frozen
                from (%s) o
                where (select covered from coverage)
                group by stage
            )
            select s.key as stage, s.standard_s, coalesce(c.valued, 0) as closed_visits,
                   trim_scale(round(p50.value::numeric, 3)) as p50,
                   trim_scale(round(p75.value::numeric, 3)) as p75,
                   trim_scale(round(p90.value::numeric, 3)) as p90,
                   coalesce(st.rushed, 0) as rushed, coalesce(st.slow, 0) as slow, coalesce(st.skipped, 0) as skipped,
                   coalesce(o.open_visits, 0) as open_visits, coalesce(o.frozen, 0) as frozen,
                   trim_scale(round(m.advanced::numeric / nullif(m.ended_by_event, 0), 4)) as conversion_rate,
                   (select covered from coverage) as covered
            from %s
            left join stage_cells c on c.stage = s.key
            left join stage_percentiles p50 on p50.stage = s.key and p50.q = 0.5
            left join stage_percentiles p75 on p75.stage = s.key and p75.q = 0.75
            left join stage_percentiles p90 on p90.stage = s.key and p90.q = 0.9
            left join statuses st on st.stage = s.key
            left join moves m on m.stage = s.key
            left join open_rows o on o.stage = s.key
            where s.kind = 'OPEN'
            order by s.ord
            """.formatted(OpenVisits.SQL, StageRelation.SQL);

    private final Connection connection;
    private final Pipeline pipeline;
    private final String tenant;

    SummaryQueries(Connection connection, String tenant, Pipeline pipeline) {
        this.connection = connection;
        this.tenant = tenant;
        this.pipeline = pipeline;
    }

    /** The rep rows' figures, or empty when the summary does not cover the window (or has no row). */
    Optional<List<RepStageRow.Figures>> repFigures(RepQueries.RepFilter filter, AnalyticsWindow window)
            throws SQLException {
        NamedSql sql = StageRelation.bind(bind(REP_ROWS, window), pipeline)
                .set("owner", filter.ownerId()).set("stage", filter.stage()).set("asOfSeconds", window.asOfSeconds());
        List<RepStageRow.Figures> figures = new ArrayList<>();
        try (PreparedStatement query = sql.prepare(connection); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                figures.add(RepQueries.figures(result, pipeline.id()));
            }
        }
        return figures.isEmpty() ? Optional.empty() : Optional.of(figures);
    }

    /** Rule 11's family, or empty when the summary does not cover the window. */
    Optional<List<StageCount>> family(AnalyticsWindow window) throws SQLException {
        List<StageCount> family = new ArrayList<>();
        try (PreparedStatement query = bind(FAMILY, window).prepare(connection); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                family.add(new StageCount(result.getString("owner_id"), result.getString("stage"), result.getLong("n"),
                        result.getLong("rushed"), result.getLong("slow")));
            }
        }
        return family.isEmpty() ? Optional.empty() : Optional.of(family);
    }

    /** The median deviation of all reps by stage, or empty when the summary does not cover the window. */
    Optional<Map<String, BigDecimal>> stageMedians(AnalyticsWindow window) throws SQLException {
        Map<String, BigDecimal> medians = new LinkedHashMap<>();
        try (PreparedStatement query = bind(STAGE_MEDIANS, window).prepare(connection);
                ResultSet result = query.executeQuery()) {
            while (result.next()) {
                medians.put(result.getString("stage"), result.getBigDecimal("median"));
            }
        }
        return medians.isEmpty() ? Optional.empty() : Optional.of(medians);
    }

    /** The stage rows, or empty when the summary does not cover the window. */
    Optional<List<StageAnalyticsRow>> stageRows(AnalyticsWindow window) throws SQLException {
        NamedSql sql = StageRelation.bind(bind(STAGE_ROWS, window), pipeline).set("asOfSeconds", window.asOfSeconds());
        List<StageAnalyticsRow> rows = new ArrayList<>();
        try (PreparedStatement query = sql.prepare(connection); ResultSet result = query.executeQuery()) {
            while (result.next()) {
                if (!result.getBoolean("covered")) {
                    return Optional.empty();
                }
                rows.add(StageQueries.row(result));
            }
        }
        return Optional.of(rows);
    }

    private NamedSql bind(String sql, AnalyticsWindow window) {
        boolean working = pipeline.calendar() != null;
        return new NamedSql(ClosedActual.in(sql, pipeline)).set("tenant", tenant).set("pipeline", pipeline.id())
                .set("d", working ? "D" : "d").set("a", working ? "A" : "a").set("t", working ? "T" : "t")
                .set("asOf", window.asOf()).set("from", window.from()).set("to", window.to());
    }
}
