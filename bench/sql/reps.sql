-- Rep analytics for one pipeline: per rep and stage, the closed visits, how many were rushed,
-- on track or slow, the median deviation, and whether the rep is systematically rushed or slow
-- there (at least 5 visits, a share of 0.6). Over the whole history.
-- Run: psql -v pipeline_id=bench-new-business -f bench/sql/reps.sql
with visit as (
    select e.owner_id,
           e.stage,
           e.pipeline_id,
           e.attributes ->> 'region' as region,
           extract(epoch from date_trunc('second', lead(e.occurred_at) over w)
                            - date_trunc('second', e.occurred_at))::bigint as actual_s
    from bench_event e
    where e.pipeline_id = :'pipeline_id'
    window w as (partition by e.opportunity_id order by e.occurred_at, e.event_id)
),
classified as (
    select v.owner_id,
           v.stage,
           v.actual_s - coalesce(o.standard_s, s.standard_s) as deviation_s,
           case when v.actual_s < s.rushed_below * coalesce(o.standard_s, s.standard_s) then 'RUSHED'
                when v.actual_s > s.slow_above * coalesce(o.standard_s, s.standard_s) then 'SLOW'
                else 'ON_TRACK' end as status
    from visit v
    join bench_stage s on s.pipeline_id = v.pipeline_id and s.stage = v.stage and s.kind = 'OPEN'
    left join bench_stage_override o on o.pipeline_id = v.pipeline_id and o.stage = v.stage and o.region = v.region
    where v.actual_s is not null              -- closed visits only
)
select owner_id,
       stage,
       count(*)                                      as visits,
       count(*) filter (where status = 'RUSHED')     as rushed,
       count(*) filter (where status = 'ON_TRACK')   as on_track,
       count(*) filter (where status = 'SLOW')       as slow,
       percentile_cont(0.5) within group (order by deviation_s) as median_deviation_s,
       case when count(*) >= 5 and count(*) filter (where status = 'RUSHED') >= 0.6 * count(*)
                then 'SYSTEMATICALLY_RUSHED'
            when count(*) >= 5 and count(*) filter (where status = 'SLOW') >= 0.6 * count(*)
                then 'SYSTEMATICALLY_SLOW'
            else 'NONE' end                          as pattern
from classified
group by owner_id, stage
order by owner_id, stage;
