package io.pipelinehealth.analytics;

/**
 * The SQL that reads the analytics summary (V22, issue 23) for {@link SummaryQueries}.
 * <p>
 * {@link #CELLS} adds up the folded groups and the derivations' deltas of one pipeline per cell,
 * for the measures bound to {@code :d}, {@code :a} and {@code :t} ({@code 'd', 'a', 't'} in
 * calendar time, {@code 'D', 'A', 'T'} in working time), with each cell's bucket counts as arrays
 * (a bucket may appear twice, folded and delta: the reader adds them up).
 * <p>
 * {@link #probes} reads, for each planned probe ({@link SummaryCell.Probe}), the two rows
 * percentile_cont interpolates between from the index that orders the cell's visits by value,
 * starting at the first bucket's lowest value, and interpolates as PostgreSQL does
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
            select measure, owner_id, stage, next_stage, sum(n) as n, sum(on_track) as on_track, sum(rushed) as rushed,
                   sum(slow) as slow, sum(skipped) as skipped,
                   coalesce(sum(n) filter (where bucket is not null), 0) as valued,
                   trim_scale(round(sum(value_sum) filter (where bucket is not null)
                                    / nullif(sum(n) filter (where bucket is not null), 0), 3)) as mean,
                   min(min_left_at) filter (where n > 0) as min_left_at,
                   max(max_left_at) filter (where n > 0) as max_left_at,
                   array_agg(bucket order by bucket) filter (where bucket is not null) as buckets,
                   array_agg(n order by bucket) filter (where bucket is not null) as counts
            from (select measure, owner_id, stage, bucket, next_stage, n, value_sum, on_track, rushed, slow, skipped,
                         min_left_at, max_left_at
                  from visit_summary
                  where tenant_id = :tenant and pipeline_id = :pipeline and measure in (:d::"char", :a::"char", :t::"char")
                  union all
                  select measure, owner_id, stage, bucket, next_stage, n, value_sum, on_track, rushed, slow, skipped,
                         min_left_at, max_left_at
                  from visit_summary_delta
                  where tenant_id = :tenant and pipeline_id = :pipeline and measure in (:d::"char", :a::"char", :t::"char")
                 ) parts
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
                                :probeUntils::bigint[], :probeSkips::bigint[])
                         as w(cell, q, valued, first_row, second_row, from_value, until_value, skip)
                    join cells c on c.cell = w.cell
                    cross join lateral (
                        select min(v) as first_value, max(v) as second_value
                        from (select (%2$s)::float8 as v
                              from visit
                              where tenant_id = :tenant and pipeline_id = :pipeline and %1$s and stage = c.stage
                                and kind in ('VISIT', 'SKIPPED') and left_at is not null
                                and %2$s >= w.from_value and %2$s < w.until_value
                              order by %2$s
                              offset w.skip limit 2) picked
                    ) x
                )""".formatted(owners, value);
    }
}
