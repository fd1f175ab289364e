package io.pipelinehealth.visit;

/**
 * The analytics summary's share of a re-derivation (issue 23, V22): the visit rows a statement
 * removed count -1 in their groups, the rows it wrote +1, as rows appended to
 * {@code visit_summary_delta} by a data-modifying CTE of that same statement, so the summary
 * commits or rolls back with the visits. Appended, never updated: derivations running side by side
 * do not wait on one another for a summary row. {@code on conflict do nothing} never applies (the
 * table has no key); on Citus it keeps the insert an INSERT where Citus would otherwise turn an
 * INSERT ... SELECT it plans through the coordinator into a COPY, which row-level security refuses.
 */
final class SummaryDeltas {

    private SummaryDeltas() {
    }

    /**
     * A CTE named {@code name} that appends the groups of the visit rows in the CTE {@code rows}
     * (which returns whole visit rows), each counted {@code sign} times.
     */
    static String cte(String name, String rows, int sign) {
        return """
                %1$s as (
                    insert into visit_summary_delta
                    select v.tenant_id, v.pipeline_id, m.measure, m.owner_id, v.stage, m.bucket, m.next_stage,
                           %3$d * count(*), %3$d * sum(m.value),
                           %3$d * count(*) filter (where v.closed_status = 'ON_TRACK'),
                           %3$d * count(*) filter (where v.closed_status = 'RUSHED'),
                           %3$d * count(*) filter (where v.closed_status = 'SLOW'),
                           %3$d * count(*) filter (where v.closed_status = 'SKIPPED'),
                           min(v.left_at), max(v.left_at)
                    from %2$s v
                    cross join lateral visit_summary_measures(v.owner_id, v.kind, v.closed_by, v.next_stage,
                                                              v.left_s - v.entered_s, v.working_s, v.standard_s) m
                    where v.kind in ('VISIT', 'SKIPPED') and v.left_at is not null
                    group by v.tenant_id, v.pipeline_id, m.measure, m.owner_id, v.stage, m.bucket, m.next_stage
                    on conflict do nothing
                )""".formatted(name, rows, sign);
    }
}
