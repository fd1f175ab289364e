package io.pipelinehealth.visit;

/**
 * The columns of a summary cell (V24) computed from its groups: {@code visit_summary} rows, or the
 * derivations' {@code visit_summary_delta} rows, grouped by measure, owner, stage and next stage.
 * The compactor writes cells with it ({@link SummaryFold}) and the analytics add up the deltas not
 * folded yet with it, so a folded cell and the deltas it replaces always mean the same.
 */
public final class SummaryCellSql {

    /** The select list after the cell's key, in visit_summary_cell's column order; ends with a new line. */
    public static final String COLUMNS = """
            sum(n) as n, sum(on_track) as on_track, sum(rushed) as rushed, sum(slow) as slow,
            sum(skipped) as skipped, coalesce(sum(n) filter (where bucket is not null), 0) as valued,
            sum(value_sum) filter (where bucket is not null) as value_sum,
            min(min_left_at) filter (where n > 0) as min_left_at, max(max_left_at) filter (where n > 0) as max_left_at,
            array_agg(bucket order by bucket) filter (where bucket is not null and n <> 0) as buckets,
            array_agg(n order by bucket) filter (where bucket is not null and n <> 0) as counts
            """;

    private SummaryCellSql() {
    }
}
