-- One opportunity: every stage visit with its actual time, standard, deviation and status.
-- Run: psql -v opportunity_id=b-o42 -f bench/sql/opportunity.sql
-- A visit lasts from its event to the opportunity's next event (lead()); the last one is open
-- until now. Not handled here (the service does): skipped stages, same-stage repeats.
select e.stage,
       e.owner_id,
       e.occurred_at                                      as entered_at,
       lead(e.occurred_at) over w                         as left_at,
       extract(epoch from date_trunc('second', coalesce(lead(e.occurred_at) over w, now()))
                        - date_trunc('second', e.occurred_at))::bigint as actual_s,
       coalesce(o.standard_s, s.standard_s)               as standard_s,
       extract(epoch from date_trunc('second', coalesce(lead(e.occurred_at) over w, now()))
                        - date_trunc('second', e.occurred_at))::bigint
           - coalesce(o.standard_s, s.standard_s)         as deviation_s
from bench_event e
join bench_stage s on s.pipeline_id = e.pipeline_id and s.stage = e.stage
left join bench_stage_override o
       on o.pipeline_id = e.pipeline_id and o.stage = e.stage and o.region = e.attributes ->> 'region'
where e.opportunity_id = :'opportunity_id'
window w as (order by e.occurred_at, e.event_id)
order by e.occurred_at, e.event_id;
