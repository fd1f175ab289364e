-- Stage analytics for one pipeline: per stage, closed visits, median and 90th percentile of the
-- time spent, median deviation, shares rushed and slow, and the visits open there now.
-- Run: psql -v pipeline_id=bench-new-business -f bench/sql/stages.sql
with visit as (
    select e.stage,
           e.pipeline_id,
           e.attributes ->> 'region' as region,
           lead(e.occurred_at) over w as left_at,
           extract(epoch from date_trunc('second', coalesce(lead(e.occurred_at) over w, now()))
                            - date_trunc('second', e.occurred_at))::bigint as actual_s
    from bench_event e
    where e.pipeline_id = :'pipeline_id'
    window w as (partition by e.opportunity_id order by e.occurred_at, e.event_id)
),
classified as (
    select s.stage_order,
           v.stage,
           v.left_at is null as open,
           v.actual_s,
           v.actual_s - coalesce(o.standard_s, s.standard_s) as deviation_s,
           case when v.actual_s < s.rushed_below * coalesce(o.standard_s, s.standard_s) then 'RUSHED'
                when v.actual_s > s.slow_above * coalesce(o.standard_s, s.standard_s) then 'SLOW'
                else 'ON_TRACK' end as status
    from visit v
    join bench_stage s on s.pipeline_id = v.pipeline_id and s.stage = v.stage and s.kind = 'OPEN'
    left join bench_stage_override o on o.pipeline_id = v.pipeline_id and o.stage = v.stage and o.region = v.region
)
select stage,
       count(*) filter (where not open)                                        as closed_visits,
       count(*) filter (where open)                                            as open_visits,
       percentile_cont(0.5) within group (order by actual_s) filter (where not open)    as median_actual_s,
       percentile_cont(0.9) within group (order by actual_s) filter (where not open)    as p90_actual_s,
       percentile_cont(0.5) within group (order by deviation_s) filter (where not open) as median_deviation_s,
       avg((status = 'RUSHED')::int) filter (where not open)                   as rushed_share,
       avg((status = 'SLOW')::int) filter (where not open)                     as slow_share
from classified
group by stage_order, stage
order by stage_order;
