package io.pipelinehealth.analytics;

import io.pipelinehealth.visit.SummaryCellSql;

/**
 * The SQL that reads the analytics summary (V22, issue 23) for {@link SummaryQueries}.
 * <p>
 * {@link #CELLS} reads one pipeline's folded cells (V24) and adds up the derivations' deltas not
 * folded yet per cell, for the measures bound to {@code :d}, {@code :a} and {@code :t}
 * ({@code 'd', 'a', 't'} in calendar time, {@code 'D', 'A', 'T'} in working time), with each
 * cell's bucket counts as arrays. A cell may come twice, folded and delta: the reader
 * ({@link SummaryCells}) adds them up.
 * <p>
 * {@link #probes} reads, for each planned probe ({@link SummaryCell.Probe}), the two rows
 * percentile_cont interpolates between from the index that orders the cell's visits by value,
 * walking the buckets that hold them from their nearer end (up from the first bucket's lowest
 * value, or down from above the second bucket), and interpolates as PostgreSQL does
 * (percentile_cont_final_common and float8_lerp: lo + p·(hi − lo) in float8), so the figure is
 * the one percentile_cont gives.
 */
final class SummarySql {

    /*
     * The probes compare the value with plain bounds (from the unnested arrays), never with an
     * expression: under row-level security a condition that calls a function that is not
     * leakproof (int4mul, int8mi ...), or that has a node PostgreSQL does not vouch for (coalesce),
     * cannot be an index condition, and the lookup would read the whole cell.
     */

    static final String CELLS = """
            select measure, owner_id, stage, next_stage, n, on_track, rushed, slow, skipped, valued, value_sum,
                   min_left_at, max_left_at, buckets, counts
            from visit_summary_cell
            where tenant_id = :tenant and pipeline_id = :pipeline and measure in (:d::"char", :a::"char", :t::"char")
            union all
            select measure, owner_id, stage, next_stage,
            """ + SummaryCellSql.COLUMNS + """
            from visit_summary_delta
            where tenant_id = :tenant and pipeline_id = :pipeline and measure in (:d::"char", :a::"char", :t::"char")
            group by measure, owner_id, stage, next_stage
            """;

    private SummarySql() {
    }

    /**
     * A CTE {@code probes(cell, q, value)} over the probe arrays ({@code :probeCells} ...) and a
     * relation {@code cells(cell, owner_id, stage)} defined before it.
     *
     * @param owners which visits of the cell's stage count: a condition on {@code owner_id} given
     *               {@code c.owner_id} (one rep, or {@code true} for all)
     * @param value  the value, written as in the index that orders the cell's rows
     */
    static String probes(String owners, String value) {
        return """
                probes as (
                    select w.cell, w.q,
                           case when w.first_row = w.second_row then x.first_value
                                else x.first_value + (((w.q * (w.valued - 1)::float8) - w.first_row::float8)
                                                      * (x.second_value - x.first_value)) end as value
                    from unnest(:probeCells::bigint[], :probeQs::float8[], :probeValued::bigint[],
                                :probeFirstRows::bigint[], :probeSecondRows::bigint[], :probeFroms::bigint[],
                                :probeUntils::bigint[], :probeSkips::bigint[], :probeWanted::bigint[],
                                :probeDescending::boolean[])
                         as w(cell, q, valued, first_row, second_row, from_value, until_value, skip, wanted, descending)
                    join cells c on c.cell = w.cell
                    cross join lateral (
                        select min(v) as first_value, max(v) as second_value
                        from ((select (%2$s)::float8 as v
                               from visit
                               where %3$s and not w.descending
                               order by %2$s
                               offset w.skip limit w.wanted)
                              union all
                              (select (%2$s)::float8 as v
                               from visit
                               where %3$s and w.descending
                               order by %2$s desc
                               offset w.skip limit w.wanted)) picked
                    ) x
                )""".formatted(owners, value, """
                tenant_id = :tenant and pipeline_id = :pipeline and %1$s and stage = c.stage
                                 and kind in ('VISIT', 'SKIPPED') and left_at is not null
                                 and %2$s >= w.from_value and %2$s < w.until_value""".formatted(owners, value));
    }
}
