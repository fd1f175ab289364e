package io.pipelinehealth.analytics;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.pipeline.Pipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/**
 * Standards learned from history: per non-terminal stage, {@code percentile_cont} median and p75 of
 * the actual seconds of closed, non-skipped visits (ended in the window) of opportunities whose
 * latest position now is closed at a WON stage.
 */
@ApplicationScoped
public class StandardQueries {

    /** Below this many visits a stage gets no suggestion. */
    public static final int MIN_VISITS = 10;

    private static final String STANDARD_ROWS = """
            with stages as (select * from %s),
            latest as (
                select distinct on (opportunity_id) opportunity_id, kind, stage
                from visit
                where tenant_id = :tenant and pipeline_id = :pipeline and entered_at <= :now
                order by opportunity_id, seq desc
            ),
            won as (
                select l.opportunity_id from latest l join stages w on w.key = l.stage and w.kind = 'WON'
                where l.kind = 'CLOSED'
            ),
            learned as (
                select v.stage, count(*) as n,
                       percentile_cont(0.5) within group (order by v.actual_s) as p50,
                       percentile_cont(0.75) within group (order by v.actual_s) as p75
                from visit v
                join won using (opportunity_id)
                where v.tenant_id = :tenant and v.kind = 'VISIT' and v.left_at <= :now
                  and (:from::timestamptz is null or v.left_at >= :from::timestamptz)
                  and (:to::timestamptz is null or v.left_at < :to::timestamptz)
                group by v.stage
            )
            select s.key as stage, s.standard_s, coalesce(l.n, 0) as n,
                   case when l.n >= :minVisits then trim_scale(round(l.p50::numeric, 3)) end as p50,
                   case when l.n >= :minVisits then trim_scale(round(l.p75::numeric, 3)) end as p75
            from stages s
            left join learned l on l.stage = s.key
            where s.kind = 'OPEN'
            order by s.ord
            """.formatted(StageRelation.SQL);

    @Inject AgroalDataSource dataSource;

    public List<StandardRow> rows(String tenant, Pipeline pipeline, Instant from, Instant to, Instant now) {
        NamedSql sql = StageRelation.bind(new NamedSql(ClosedActual.in(STANDARD_ROWS, pipeline)), pipeline)
                .set("tenant", tenant).set("pipeline", pipeline.id()).set("now", now)
                .set("from", from).set("to", to).set("minVisits", MIN_VISITS);
        return sql.list(dataSource, row -> new StandardRow(row.getString("stage"), row.getLong("standard_s"),
                row.getLong("n"), row.getBigDecimal("p50"), row.getBigDecimal("p75")));
    }
}
