package io.pipelinehealth.analytics;

/**
 * The ends of the rep and the stage statements, one text each whether the closed figures come
 * from the visits ({@link RepQueries}, {@link StageQueries}) or from the summary
 * ({@link SummaryQueries}): the statement before them defines {@code closed_rows}, these add the
 * open visits at asOf and select the row in its published form (rounding, zeros for the absent).
 */
final class RowsSql {

    /**
     * After {@code with ... closed_rows as (...),}: closed_rows has owner_id, stage, n, on_track,
     * rushed, slow, skipped, median, mean and p90; {@code :owner} and {@code :stage} filter the
     * open visits as they filtered the closed ones.
     */
    static final String REPS = """
            open_rows as (
                select owner_id, stage, count(*) as open_visits,
                       count(*) filter (where :asOfSeconds - entered_s > frozen_after_s) as frozen
                from (%s) o
                where (:owner::text is null or owner_id = :owner::text)
                  and (:stage::text is null or stage = :stage::text)
                group by owner_id, stage
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

    /**
     * After {@code with ... closed_rows as (...),}: closed_rows has stage, n, p50, p75, p90,
     * rushed, slow, skipped, ended_by_event and advanced (one row per stage with closed visits).
     */
    static final String STAGES = """
            open_rows as (
                select stage, count(*) as open_visits,
                       count(*) filter (where :asOfSeconds - entered_s > frozen_after_s) as frozen
                from (%s) o
                group by stage
            )
            select s.key as stage, s.standard_s, coalesce(c.n, 0) as closed_visits,
                   trim_scale(round(c.p50::numeric, 3)) as p50,
                   trim_scale(round(c.p75::numeric, 3)) as p75,
                   trim_scale(round(c.p90::numeric, 3)) as p90,
                   coalesce(c.rushed, 0) as rushed, coalesce(c.slow, 0) as slow, coalesce(c.skipped, 0) as skipped,
                   coalesce(o.open_visits, 0) as open_visits, coalesce(o.frozen, 0) as frozen,
                   trim_scale(round(c.advanced::numeric / nullif(c.ended_by_event, 0), 4)) as conversion_rate
            from %s
            left join closed_rows c on c.stage = s.key
            left join open_rows o on o.stage = s.key
            where s.kind = 'OPEN'
            order by s.ord
            """.formatted(OpenVisits.SQL, StageRelation.SQL);

    private RowsSql() {
    }
}
