-- Issue 23: rep and stage analytics at 5m events without reading every closed visit.
--
-- The analytics need, per rep and stage (deviation) and per stage (actual seconds), counts, sums
-- and exact percentiles. A histogram of the values by bucket, kept by the derivation, gives the
-- counts and sums at once, and tells in which bucket the k-th smallest value lies; that value is
-- then read from the V2/V15 index, which is ordered by the value, a few rows into the bucket
-- (analytics.SummaryQueries). Every figure stays exact: the histogram only says where to look.
--
-- 0. The actual and deviation seconds of a closed visit as columns, written by the derivation
--    (visit.VisitRows), and the V2/V15 indexes on them instead of on expressions. Under row-level
--    security PostgreSQL may use a condition as an index condition only if it cannot leak: a
--    range on "left_s - entered_s" calls int8mi, which is not leakproof, so it was filtered row by
--    row after the policy, while a range on a column is an index range. The summary's lookups
--    (below) need exactly such ranges. The indexes carry only what the analytics read besides the
--    value (the expression indexes also carried left_s, entered_s and standard_s to compute it);
--    in particular the working-time deviation index no longer carries working_s, which had made
--    it a candidate, with a sort, for the stage lookups that visit_closed_actual_working serves in order.
alter table visit add column actual_s bigint, add column deviation_s bigint, add column working_deviation_s bigint;
do $$
declare
    t text;
begin
    for t in select tenant_id from tenant loop
        perform set_config('pipeline_health.tenant', t, true);
        update visit
        set actual_s = left_s - entered_s, deviation_s = left_s - entered_s - standard_s,
            working_deviation_s = working_s - standard_s
        where tenant_id = t and left_s is not null;
    end loop;
    perform set_config('pipeline_health.tenant', '', true);
end
$$;
drop index visit_closed_deviation;
create index visit_closed_deviation on visit (tenant_id, pipeline_id, owner_id, stage, deviation_s)
    include (closed_status, left_at)
    where kind in ('VISIT', 'SKIPPED') and left_at is not null;
drop index visit_closed_actual;
create index visit_closed_actual on visit (tenant_id, pipeline_id, stage, actual_s)
    include (kind, closed_status, closed_by, next_stage, left_at)
    where kind in ('VISIT', 'SKIPPED') and left_at is not null;
drop index visit_closed_deviation_working;
create index visit_closed_deviation_working on visit (tenant_id, pipeline_id, owner_id, stage, working_deviation_s)
    include (closed_status, left_at)
    where kind in ('VISIT', 'SKIPPED') and left_at is not null and working_s is not null;

-- visit_summary_bucket(v): the number of thresholds <= v (width_bucket), over thresholds that
-- grow by a fifth from 5 s on (0, ±1 .. ±5, ±6, ±7, ... up to beyond ±30 years), so a bucket
-- holds values within 20 % of each other. The thresholds are written into the function as a
-- constant: a bucket number must mean the same range for as long as rows carry it.
do $$
declare
    thresholds bigint[];
begin
    with recursive t(b) as (
        select 1::bigint
        union all
        select b + greatest(1, b / 5) from t where b < 1000000000
    )
    select array_agg(v order by v) into thresholds
    from (select -b as v from t union all select 0 union all select b from t) all_thresholds;
    execute format('create function visit_summary_thresholds() returns bigint[] language sql immutable parallel safe '
                   'as %L', format('select %L::bigint[]', thresholds));
end
$$;

create function visit_summary_bucket(v bigint) returns int language sql immutable parallel safe
    as 'select width_bucket(v, visit_summary_thresholds())';

-- Lowest value of a bucket; null for bucket 0 (below the lowest threshold).
create function visit_summary_lower(bucket int) returns bigint language sql immutable parallel safe
    as 'select (visit_summary_thresholds())[bucket]';

-- The groups one closed visit row counts in (see visit_summary below), with its value and bucket.
-- A deviation bucket ('d', 'D') spans four of visit_summary_bucket's (values within a factor of
-- about two): a rep at a stage has few visits, so finer buckets would only add summary rows.
create function visit_summary_measures(p_owner text, p_kind text, p_closed_by text, p_next_stage text,
                                       p_actual bigint, p_working bigint, p_standard bigint)
    returns table (measure "char", owner_id text, bucket int, next_stage text, value bigint)
    language sql immutable parallel safe as $$
    select 'd'::"char", p_owner, visit_summary_bucket(p_actual - p_standard) / 4, null::text, p_actual - p_standard
    union all
    select 'a', null, visit_summary_bucket(p_actual), null, p_actual
    union all
    select 't', null, null, p_next_stage, null where p_kind = 'VISIT' and p_closed_by = 'EVENT'
    union all
    select 'D', p_owner, visit_summary_bucket(p_working - p_standard) / 4, null, p_working - p_standard
    where p_working is not null
    union all
    select 'A', null, visit_summary_bucket(p_working), null, p_working where p_working is not null
    union all
    select 'T', null, null, p_next_stage, null where p_working is not null and p_kind = 'VISIT' and p_closed_by = 'EVENT'
$$;

-- One row per group. measure says what the group counts, over the closed VISIT and SKIPPED rows:
--   'd' a rep at a stage, bucket (of four) of the calendar deviation (left_s - entered_s - standard_s);
--   'a' a stage (owner_id null), bucket of the calendar actual seconds (left_s - entered_s);
--   't' a stage and its next stage (bucket null), VISIT rows closed by an event;
--   'D', 'A', 'T' the same over rows with working_s (a working-time pipeline), in working seconds.
-- A null bucket on 'd'/'D' holds rows without a standard (no deviation). min_left_at and
-- max_left_at bound the left_at of the rows ever counted: they widen on insert and never shrink,
-- so "asOf >= max_left_at" safely means "no row of this pipeline is after asOf".
create table visit_summary (
    tenant_id   text collate "C" not null,
    pipeline_id text collate "C" not null,
    measure     "char" not null,
    owner_id    text collate "C",
    stage       text collate "C" not null,
    bucket      int,
    next_stage  text collate "C",
    n           bigint not null,
    value_sum   bigint,
    on_track    bigint not null,
    rushed      bigint not null,
    slow        bigint not null,
    skipped     bigint not null,
    min_left_at timestamptz,
    max_left_at timestamptz
);
create unique index visit_summary_group on visit_summary
    (tenant_id, pipeline_id, measure, owner_id, stage, bucket, next_stage) nulls not distinct;
select pipeline_health_protect('visit_summary');

-- What the derivations add and remove, one row per group and statement, with signed counts. Only
-- inserted, so concurrent derivations never wait on one another for a summary row; the service
-- folds them into visit_summary in the background (analytics.SummaryCompactor), and reads add
-- both until then.
create table visit_summary_delta (like visit_summary);
create index visit_summary_delta_pipeline on visit_summary_delta (tenant_id, pipeline_id);
select pipeline_health_protect('visit_summary_delta');

-- The rows already derived, tenant by tenant (row-level security shows one at a time).
do $$
declare
    t text;
begin
    for t in select tenant_id from tenant loop
        perform set_config('pipeline_health.tenant', t, true);
        insert into visit_summary
        select v.tenant_id, v.pipeline_id, m.measure, m.owner_id, v.stage, m.bucket, m.next_stage,
               count(*), sum(m.value),
               count(*) filter (where v.closed_status = 'ON_TRACK'), count(*) filter (where v.closed_status = 'RUSHED'),
               count(*) filter (where v.closed_status = 'SLOW'), count(*) filter (where v.closed_status = 'SKIPPED'),
               min(v.left_at), max(v.left_at)
        from visit v
        cross join lateral visit_summary_measures(v.owner_id, v.kind, v.closed_by, v.next_stage,
                                                  v.left_s - v.entered_s, v.working_s, v.standard_s) m
        where v.tenant_id = t and v.kind in ('VISIT', 'SKIPPED') and v.left_at is not null
        group by v.tenant_id, v.pipeline_id, m.measure, m.owner_id, v.stage, m.bucket, m.next_stage;
    end loop;
    perform set_config('pipeline_health.tenant', '', true);
end
$$;
