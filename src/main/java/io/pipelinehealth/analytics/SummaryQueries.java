package io.pipelinehealth.analytics;

import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageKind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rep and stage figures from the analytics summary (V22): the same rows {@link RepQueries} and
 * {@link StageQueries} compute from the closed visits, read in time that grows with the number of
 * reps, stages and buckets instead of the number of visits. Two statements in one repeatable-read
 * snapshot: the cells ({@link SummarySql#CELLS}), then the rows, with each percentile read from
 * the index at the place {@link SummaryCell#probe} computed. Each answer is empty when the window
 * does not hold every closed visit of the pipeline; the caller then reads the visits.
 */
final class SummaryQueries {

    private static final String DEVIATION = "deviation_s";
    /** A deviation bucket spans four of visit_summary_bucket's (V22, visit_summary_measures). */
    private static final int DEVIATION_SPAN = 4;
    private static final String ACTUAL = "actual_s";

    private static final String REP_ROWS = """
            with cells as (
                -- collate "C": ordered and joined like the visit columns the scan reads
                -- the mean: the sum over the count in numeric, as avg divides
                select owner_id collate "C" as owner_id, stage collate "C" as stage, n, on_track, rushed, slow,
                       skipped, value_sum / nullif(valued, 0) as mean, cell
                from unnest(:cellOwners::text[], :cellStages::text[], :cellVisits::bigint[], :cellOnTrack::bigint[],
                            :cellRushed::bigint[], :cellSlow::bigint[], :cellSkipped::bigint[], :cellValued::bigint[],
                            :cellSums::numeric[])
                     with ordinality as c(owner_id, stage, n, on_track, rushed, slow, skipped, valued, value_sum, cell)
            ),
            %s,
            closed_rows as (
                select c.owner_id, c.stage, c.n, c.on_track, c.rushed, c.slow, c.skipped, m.value as median, c.mean,
                       p.value as p90
                from cells c
                left join probes m on m.cell = c.cell and m.q = 0.5
                left join probes p on p.cell = c.cell and p.q = 0.9
            ),
            """.formatted(SummarySql.probes("owner_id = c.owner_id", DEVIATION)) + RowsSql.REPS;

    private static final String STAGE_MEDIANS = """
            with cells as (
                select * from unnest(:cellStages::text[]) with ordinality as c(stage, cell)
            ),
            %s
            select c.stage, trim_scale(round(p.value::numeric, 3)) as median
            from cells c left join probes p on p.cell = c.cell
            """.formatted(SummarySql.probes("owner_id = any(:owners::text[])", DEVIATION));

    private static final String STAGE_ROWS = """
            with cells as (
                select * from unnest(:cellStages::text[], :cellVisits::bigint[], :cellRushed::bigint[],
                                     :cellSlow::bigint[], :cellSkipped::bigint[], :cellEnded::bigint[],
                                     :cellAdvanced::bigint[])
                     with ordinality as c(stage, n, rushed, slow, skipped, ended_by_event, advanced, cell)
            ),
            %s,
            closed_rows as (
                select c.stage, c.n, c.rushed, c.slow, c.skipped, c.ended_by_event, c.advanced, p50.value as p50,
                       p75.value as p75, p90.value as p90
                from cells c
                left join probes p50 on p50.cell = c.cell and p50.q = 0.5
                left join probes p75 on p75.cell = c.cell and p75.q = 0.75
                left join probes p90 on p90.cell = c.cell and p90.q = 0.9
            ),
            """.formatted(SummarySql.probes("true", ACTUAL)) + RowsSql.STAGES;

    /** The rep rows' figures and rule 11's family, from one snapshot. */
    record RepSummary(List<RepStageRow.Figures> figures, List<StageCount> family) {
    }

    /** The rep profile's rows and the stage medians beside them, from one snapshot. */
    record ProfileSummary(RepSummary reps, Map<String, BigDecimal> stageMedians) {
    }

    /** visit_summary_thresholds(), once read; a constant of V22 (never written but by migrations). */
    private static volatile long[] thresholds;

    private final Connection connection;
    private final boolean enabled;
    private final Pipeline pipeline;
    private final String tenant;

    SummaryQueries(SerialSession.Session session, String tenant, Pipeline pipeline) {
        this.connection = session.connection();
        this.enabled = session.summary();
        this.tenant = tenant;
        this.pipeline = pipeline;
    }

    /** The rep rows (of one rep and/or stage when not null) and the family, or empty when the summary does not cover the window. */
    Optional<RepSummary> reps(String ownerId, String stage, AnalyticsWindow window) throws SQLException {
        return inOneSnapshot(() -> {
            Optional<SummaryCells> read = cells(window, false);
            return read.isEmpty() ? Optional.empty() : Optional.of(reps(read.get(), ownerId, stage, window));
        });
    }

    /** One rep's rows and every rep's median deviation by stage, from one read of the cells; or empty, as above. */
    Optional<ProfileSummary> profile(String ownerId, AnalyticsWindow window) throws SQLException {
        return inOneSnapshot(() -> {
            Optional<SummaryCells> read = cells(window, false);
            return read.isEmpty() ? Optional.empty()
                    : Optional.of(new ProfileSummary(reps(read.get(), ownerId, null, window), stageMedians(read.get(), window)));
        });
    }

    private RepSummary reps(SummaryCells read, String ownerId, String stage, AnalyticsWindow window) throws SQLException {
        List<SummaryCell> all = read.deviation();
        List<SummaryCell> cells = all.stream()
                .filter(c -> ownerId == null || ownerId.equals(c.ownerId()))
                .filter(c -> stage == null || stage.equals(c.stage())).toList();
        NamedSql sql = StageRelation.bind(bind(REP_ROWS, window), pipeline)
                .array("cellOwners", "text", cells.stream().map(SummaryCell::ownerId).toArray())
                .array("cellStages", "text", cells.stream().map(SummaryCell::stage).toArray())
                .array("cellVisits", "bigint", column(cells, SummaryCell::visits))
                .array("cellOnTrack", "bigint", column(cells, SummaryCell::onTrack))
                .array("cellRushed", "bigint", column(cells, SummaryCell::rushed))
                .array("cellSlow", "bigint", column(cells, SummaryCell::slow))
                .array("cellSkipped", "bigint", column(cells, SummaryCell::skipped))
                .array("cellValued", "bigint", column(cells, SummaryCell::valued))
                .array("cellSums", "numeric", column(cells, SummaryCell::valueSum))
                .set("owner", ownerId).set("stage", stage)
                .set("asOfSeconds", window.asOfSeconds());
        probes(sql, cells, List.of(0.5, 0.9), DEVIATION_SPAN);
        List<RepStageRow.Figures> figures = sql.list(connection, row -> AnalyticsRows.figures(row, pipeline.id()));
        List<StageCount> family = all.stream()
                .map(c -> new StageCount(c.ownerId(), c.stage(), c.visits(), c.rushed() + c.skipped(), c.slow()))
                .toList();
        return new RepSummary(figures, family);
    }

    /** The median deviation of all reps by stage. */
    private Map<String, BigDecimal> stageMedians(SummaryCells read, AnalyticsWindow window) throws SQLException {
        List<SummaryCell> stages = byStage(read.deviation());
        NamedSql sql = bind(STAGE_MEDIANS, window)
                .array("cellStages", "text", stages.stream().map(SummaryCell::stage).toArray())
                .array("owners", "text", read.deviation().stream().map(SummaryCell::ownerId).distinct().toArray());
        probes(sql, stages, List.of(0.5), DEVIATION_SPAN);
        Map<String, BigDecimal> medians = new LinkedHashMap<>();
        sql.each(connection, row -> medians.put(row.getString("stage"), row.getBigDecimal("median")));
        return medians;
    }

    /** The stage rows, or empty when the summary does not cover the window. */
    Optional<List<StageAnalyticsRow>> stageRows(AnalyticsWindow window) throws SQLException {
        return inOneSnapshot(() -> {
            Optional<SummaryCells> read = cells(window, true);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            List<SummaryCell> actual = read.get().actual();
            Map<String, SummaryCell> statuses = new LinkedHashMap<>();
            byStage(read.get().deviation()).forEach(c -> statuses.put(c.stage(), c));
            List<String> order = pipeline.stages().stream().sorted(Comparator.comparingInt(Stage::order))
                    .map(Stage::key).toList();
            List<String> lost = pipeline.stages().stream().filter(s -> s.kind() == StageKind.LOST).map(Stage::key)
                    .toList();
            NamedSql sql = StageRelation.bind(bind(STAGE_ROWS, window), pipeline)
                    .array("cellStages", "text", actual.stream().map(SummaryCell::stage).toArray())
                    .array("cellVisits", "bigint", column(actual, SummaryCell::visits))
                    .array("cellRushed", "bigint", column(actual, c -> status(statuses, c).rushed()))
                    .array("cellSlow", "bigint", column(actual, c -> status(statuses, c).slow()))
                    .array("cellSkipped", "bigint", column(actual, c -> status(statuses, c).skipped()))
                    .array("cellEnded", "bigint", column(actual, c -> read.get().endedByEvent(c.stage())))
                    .array("cellAdvanced", "bigint", column(actual, c -> read.get().advanced(c.stage(), order, lost)))
                    .set("asOfSeconds", window.asOfSeconds());
            probes(sql, actual, List.of(0.5, 0.75, 0.9), 1);
            return Optional.of(sql.list(connection, AnalyticsRows::stage));
        });
    }

    /** The deviation cells, and with {@code stageMeasures} the actual-time and next-stage cells too. */
    private Optional<SummaryCells> cells(AnalyticsWindow window, boolean stageMeasures) throws SQLException {
        NamedSql sql = bind(SummarySql.CELLS, window);
        if (!stageMeasures) {
            sql.set("a", measure('d')).set("t", measure('d'));
        }
        SummaryCells cells = SummaryCells.read(sql, connection);
        return cells.covers(window) ? Optional.of(cells) : Optional.empty();
    }

    /**
     * Binds the probe arrays of percentiles {@code qs} of every cell with values; cell k is the
     * k-th (from 1). {@code span}: how many of visit_summary_bucket's buckets one bucket of the
     * cells' measure spans (V22).
     */
    private void probes(NamedSql sql, List<SummaryCell> cells, List<Double> qs, int span) throws SQLException {
        long[] thresholds = thresholds();
        List<Long> ids = new ArrayList<>();
        List<SummaryCell.Probe> probes = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).valued() > 0) {
                for (double q : qs) {
                    ids.add(i + 1L);
                    probes.add(cells.get(i).probe(q));
                }
            }
        }
        sql.array("probeCells", "bigint", ids.toArray())
                .array("probeQs", "float8", probes.stream().map(SummaryCell.Probe::q).toArray())
                .array("probeValued", "bigint", probes.stream().map(SummaryCell.Probe::valued).toArray())
                .array("probeFirstRows", "bigint", probes.stream().map(SummaryCell.Probe::firstRow).toArray())
                .array("probeSecondRows", "bigint", probes.stream().map(SummaryCell.Probe::secondRow).toArray())
                .array("probeFroms", "bigint", probes.stream().map(p -> p.from(thresholds, span)).toArray())
                .array("probeUntils", "bigint", probes.stream().map(p -> p.until(thresholds, span)).toArray())
                .array("probeSkips", "bigint", probes.stream().map(SummaryCell.Probe::skip).toArray())
                .array("probeWanted", "bigint", probes.stream().map(SummaryCell.Probe::rows).toArray())
                .array("probeDescending", "boolean", probes.stream().map(SummaryCell.Probe::descending).toArray());
    }

    /** visit_summary_thresholds() of V22: a constant, read once. */
    private long[] thresholds() throws SQLException {
        long[] known = thresholds;
        if (known == null) {
            known = new NamedSql("select visit_summary_thresholds()").first(connection, row -> {
                Object[] values = (Object[]) row.getArray(1).getArray();
                long[] read = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    read[i] = ((Number) values[i]).longValue();
                }
                return read;
            }).orElseThrow();
            thresholds = known;
        }
        return known;
    }

    /** The cells of one stage over every rep, as one cell per stage. */
    private static List<SummaryCell> byStage(List<SummaryCell> cells) {
        Map<String, SummaryCell> stages = new LinkedHashMap<>();
        cells.forEach(c -> stages.merge(c.stage(), c, SummaryCell::plus));
        return List.copyOf(stages.values());
    }

    private static SummaryCell status(Map<String, SummaryCell> statuses, SummaryCell cell) {
        return statuses.getOrDefault(cell.stage(), SummaryCell.EMPTY);
    }

    private static Object[] column(List<SummaryCell> cells, Function<SummaryCell, Object> value) {
        return cells.stream().map(value).toArray();
    }

    private NamedSql bind(String sql, AnalyticsWindow window) {
        return new NamedSql(ClosedActual.in(sql, pipeline)).set("tenant", tenant).set("pipeline", pipeline.id())
                .set("d", measure('d')).set("a", measure('a')).set("t", measure('t')).set("asOf", window.asOf());
    }

    /** The summary's letter for a measure: upper case in working time (V22). */
    private String measure(char calendarTime) {
        return String.valueOf(pipeline.calendar() == null ? calendarTime : Character.toUpperCase(calendarTime));
    }

    private interface SnapshotWork<T> {
        T run() throws SQLException;
    }

    /**
     * The cells and the rows must see the same visits: a repeatable-read transaction, unless the
     * connection already takes part in a transaction (then its own isolation applies). JIT
     * compilation is off in it: the planner prices the rows statement's percentile probes, a few
     * index entries each, as if they were scans, and compiled it for 30 ms to run it in 60
     * (1,000 reps at 5m events, docs/benchmarks.md).
     */
    private <T> Optional<T> inOneSnapshot(SnapshotWork<Optional<T>> work) throws SQLException {
        if (!enabled) {
            return Optional.empty();
        }
        if (!connection.getAutoCommit()) {
            execute("set local jit = off");
            return work.run();
        }
        connection.setAutoCommit(false);
        try {
            execute("set transaction isolation level repeatable read, read only");
            execute("set local jit = off");
            Optional<T> result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void execute(String sql) throws SQLException {
        new NamedSql(sql).update(connection);
    }
}
