package io.pipelinehealth.analytics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The SQL pieces that read the analytics summary (V60, issue 23) instead of every closed visit.
 * <p>
 * {@link #SUMMARY} adds up the folded groups and the derivations' deltas of one pipeline, for the
 * measures bound to {@code :d}, {@code :a} and {@code :t} ({@code 'd', 'a', 't'} in calendar time,
 * {@code 'D', 'A', 'T'} in working time). {@link #COVERAGE} says whether the window holds every
 * closed visit of the pipeline: only then are the summary's figures the window's. Both read one
 * snapshot with the visit rows, as parts of one statement.
 * <p>
 * {@link #percentiles} finds, per cell, the buckets that hold the two rows percentile_cont
 * interpolates between, and reads those rows from the index ordered by the value, skipping only
 * the cell's earlier rows of that bucket. Its arithmetic is percentile_cont's own (PostgreSQL's
 * percentile_cont_final_common and float8_lerp), in float8, so the figures are identical.
 */
final class SummarySql {

    static final String SUMMARY = """
            summary as (
                select measure, owner_id, stage, bucket, next_stage, sum(n) as n, sum(value_sum) as value_sum,
                       sum(on_track) as on_track, sum(rushed) as rushed, sum(slow) as slow, sum(skipped) as skipped,
                       min(min_left_at) as min_left_at, max(max_left_at) as max_left_at
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
                group by measure, owner_id, stage, bucket, next_stage
                having sum(n) <> 0
            )""";

    /**
     * The bounds widen and never shrink, so they may say "not covered" of a window that holds every
     * row (the analytics then read the visits), never the reverse. A visit without an owner would
     * fall outside the per-rep index lookups, so it sends the request to the visits too.
     */
    static final String COVERAGE = """
            coverage as (
                select coalesce(bool_and(owner_id is not null), true)
                       and (max(max_left_at) is null
                            or (max(max_left_at) <= :asOf
                                and (:from::timestamptz is null or min(min_left_at) >= :from::timestamptz)
                                and (:to::timestamptz is null or max(max_left_at) < :to::timestamptz))) as covered
                from summary where measure = :d::"char"
            )""";

    private static final String LOWEST = "-9223372036854775808";
    private static final String HIGHEST = "9223372036854775807";

    private SummarySql() {
    }

    /**
     * CTEs {@code <name>_ranked}, {@code <name>_wanted}, {@code <name>_located} and {@code <name>}:
     * the last has the {@code keys} columns, {@code q} and {@code value}, percentile_cont(q) of the
     * cell's values, for each q of {@code qs} and each row of {@code cells} (which has the keys and
     * {@code valued}, how many of its rows have a value).
     *
     * @param buckets  a relation of the cells' buckets: the keys, {@code bucket} and {@code n}, one row each
     * @param visits   the condition on {@code visit} that selects a cell's rows, given {@code l.<key>}
     * @param value    the value, written as in the index that orders the cell's rows
     * @param span     how many of visit_summary_bucket's buckets one bucket of the measure spans (V60)
     */
    static String percentiles(String name, String cells, List<String> keys, List<Double> qs, String buckets,
            String visits, String value, int span) {
        String keyList = String.join(", ", keys);
        String sameCell = keys.stream().map(k -> "%%1$s.%s = w.%s".formatted(k, k)).collect(Collectors.joining(" and "));
        String qValues = qs.stream().map(q -> "(" + q + "::float8)").collect(Collectors.joining(", "));
        return """
                %1$s_ranked as (
                    select %2$s, bucket, n, sum(n) over (partition by %2$s order by bucket) - n as before
                    from %3$s b where bucket is not null
                ),
                %1$s_wanted as (
                    select %4$s, q.q,
                           floor(q.q * (c.valued - 1)::float8) as first_row,
                           ceil(q.q * (c.valued - 1)::float8) as second_row,
                           (q.q * (c.valued - 1)::float8) - floor(q.q * (c.valued - 1)::float8) as proportion
                    from %5$s c cross join (values %6$s) as q(q)
                    where c.valued > 0
                ),
                %1$s_located as (
                    select w.*, f.bucket as first_bucket, f.before, s.bucket as second_bucket
                    from %1$s_wanted w
                    join %1$s_ranked f on %7$s and w.first_row >= f.before and w.first_row < f.before + f.n
                    join %1$s_ranked s on %8$s and w.second_row >= s.before and w.second_row < s.before + s.n
                ),
                %1$s as (
                    select %9$s, l.q,
                           case when l.first_row = l.second_row then x.first_value
                                else x.first_value + (l.proportion * (x.second_value - x.first_value)) end as value
                    from %1$s_located l
                    cross join lateral (
                        select min(v) as first_value, max(v) as second_value
                        from (select (%10$s)::float8 as v
                              from visit
                              where tenant_id = :tenant and pipeline_id = :pipeline and %11$s
                                and kind in ('VISIT', 'SKIPPED') and left_at is not null
                                and %10$s >= coalesce(visit_summary_lower(l.first_bucket * %14$d), %12$s)
                                and %10$s < coalesce(visit_summary_lower((l.second_bucket + 1) * %14$d), %13$s)
                              order by %10$s
                              offset (l.first_row - l.before)::bigint limit 2) picked
                    ) x
                )""".formatted(name, keyList, buckets,
                keys.stream().map(k -> "c." + k).collect(Collectors.joining(", ")), cells, qValues,
                sameCell.formatted("f"), sameCell.formatted("s"),
                keys.stream().map(k -> "l." + k).collect(Collectors.joining(", ")), value, visits, LOWEST, HIGHEST, span);
    }
}
