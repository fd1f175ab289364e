-- Frozen list for one pipeline: open deals whose current stage has lasted longer than its
-- frozenAfter (3 x the standard, after the regional override), first page of 100 by id.
-- Run: psql -v pipeline_id=bench-new-business -f bench/sql/frozen.sql
with latest as (
    select distinct on (e.opportunity_id)
           e.opportunity_id, e.pipeline_id, e.stage, e.owner_id, e.occurred_at,
           e.attributes ->> 'region' as region
    from bench_event e
    where e.pipeline_id = :'pipeline_id'
    order by e.opportunity_id, e.occurred_at desc, e.event_id desc
)
select l.opportunity_id,
       l.owner_id,
       l.stage,
       l.occurred_at as entered_at,
       extract(epoch from date_trunc('second', now()) - date_trunc('second', l.occurred_at))::bigint as elapsed_s,
       coalesce(o.standard_s, s.standard_s) as standard_s
from latest l
join bench_stage s on s.pipeline_id = l.pipeline_id and s.stage = l.stage and s.kind = 'OPEN'
left join bench_stage_override o on o.pipeline_id = l.pipeline_id and o.stage = l.stage and o.region = l.region
where now() - l.occurred_at > make_interval(secs => coalesce(s.frozen_after_s, 3 * coalesce(o.standard_s, s.standard_s)))
order by l.opportunity_id
limit 100;
