package io.pipelinehealth.visit;

import io.pipelinehealth.db.NamedSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * One fold of a pipeline's summary deltas (V22, V24), inside the caller's transaction: the deltas
 * move into their {@code visit_summary} groups, emptied groups go, and the cells
 * ({@code visit_summary_cell}) of every group the fold touched are written anew from their groups.
 * Later statements of a transaction see what earlier ones wrote, so the cells are computed after
 * the groups changed; a read sees the deltas and the old cells, or the new groups and cells.
 */
final class SummaryFold {

    /** Moves the deltas into their groups; answers the cells of the groups it touched. */
    private static final String FOLD = """
            with moved as (
                delete from visit_summary_delta where tenant_id = :tenant and pipeline_id = :pipeline
                returning *
            ),
            folded as (
                insert into visit_summary as s
                select tenant_id, pipeline_id, measure, owner_id, stage, bucket, next_stage, sum(n), sum(value_sum),
                       sum(on_track), sum(rushed), sum(slow), sum(skipped), min(min_left_at), max(max_left_at)
                from moved
                group by tenant_id, pipeline_id, measure, owner_id, stage, bucket, next_stage
                on conflict (tenant_id, pipeline_id, measure, owner_id, stage, bucket, next_stage) do update
                set n = s.n + excluded.n, value_sum = s.value_sum + excluded.value_sum,
                    on_track = s.on_track + excluded.on_track, rushed = s.rushed + excluded.rushed,
                    slow = s.slow + excluded.slow, skipped = s.skipped + excluded.skipped,
                    min_left_at = least(s.min_left_at, excluded.min_left_at),
                    max_left_at = greatest(s.max_left_at, excluded.max_left_at)
                returning s.measure, s.owner_id, s.stage, s.next_stage
            )
            select distinct measure::text, owner_id, stage, next_stage from folded
            """;

    /** A group whose visits are all gone again; its bounds no longer matter. */
    private static final String EMPTY_GROUPS =
            "delete from visit_summary where tenant_id = :tenant and pipeline_id = :pipeline and n = 0";

    /**
     * The touched cells, as a relation {@code touched} for the statement below. Owner and
     * next stage may be null; the statements compare them as {@code array[owner_id, next_stage]},
     * whose equality holds for nulls in the same places and can be hashed. An {@code is not
     * distinct from} cannot, and made PostgreSQL compare every touched cell with every group:
     * seconds per fold during a load (1m events).
     */
    private static final String TOUCHED = """
            with touched as (
                select measure::"char" as measure, stage, array[owner_id, next_stage] as rest
                from unnest(:measures::text[], :owners::text[], :stages::text[], :nextStages::text[])
                     as t(measure, owner_id, stage, next_stage)
            )
            """;

    /**
     * The touched cells written anew from their groups (upserted), and those left without a group
     * deleted, in one statement: its two writes never meet on a row.
     */
    private static final String CELLS = TOUCHED + """
            , fresh as (
                select s.tenant_id, s.pipeline_id, s.measure, s.owner_id, s.stage, s.next_stage,
                """ + SummaryCellSql.COLUMNS + """
                from visit_summary s
                join touched t on s.measure = t.measure and s.stage = t.stage and array[s.owner_id, s.next_stage] = t.rest
                where s.tenant_id = :tenant and s.pipeline_id = :pipeline
                group by s.tenant_id, s.pipeline_id, s.measure, s.owner_id, s.stage, s.next_stage
            ),
            written as (
                insert into visit_summary_cell as c
                select * from fresh
                on conflict (tenant_id, pipeline_id, measure, owner_id, stage, next_stage) do update
                set n = excluded.n, on_track = excluded.on_track, rushed = excluded.rushed, slow = excluded.slow,
                    skipped = excluded.skipped, valued = excluded.valued, value_sum = excluded.value_sum,
                    min_left_at = excluded.min_left_at, max_left_at = excluded.max_left_at,
                    buckets = excluded.buckets, counts = excluded.counts
            )
            delete from visit_summary_cell c
            where c.tenant_id = :tenant and c.pipeline_id = :pipeline
              and (c.measure, c.stage, array[c.owner_id, c.next_stage]) in (
                  select measure, stage, rest from touched
                  except
                  select measure, stage, array[owner_id, next_stage] from fresh)
            """;

    private record Cell(String measure, String ownerId, String stage, String nextStage) {
    }

    private SummaryFold() {
    }

    static void run(Connection connection, String tenant, String pipeline) throws SQLException {
        List<Cell> touched = bind(new NamedSql(FOLD), tenant, pipeline).list(connection,
                cell -> new Cell(cell.getString(1), cell.getString(2), cell.getString(3), cell.getString(4)));
        bind(new NamedSql(EMPTY_GROUPS), tenant, pipeline).update(connection);
        if (touched.isEmpty()) {
            return;
        }
        bind(new NamedSql(CELLS), tenant, pipeline)
                .array("measures", "text", touched.stream().map(Cell::measure).toArray())
                .array("owners", "text", touched.stream().map(Cell::ownerId).toArray())
                .array("stages", "text", touched.stream().map(Cell::stage).toArray())
                .array("nextStages", "text", touched.stream().map(Cell::nextStage).toArray())
                .update(connection);
    }

    private static NamedSql bind(NamedSql sql, String tenant, String pipeline) {
        return sql.set("tenant", tenant).set("pipeline", pipeline);
    }
}
