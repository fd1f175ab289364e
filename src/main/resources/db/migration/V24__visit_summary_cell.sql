-- Issue 23: one row per cell of the analytics summary, so a read adds up cells, not buckets.
--
-- At 5m events the largest pipeline's deviation cells (a rep at a stage) held about 25 buckets
-- each: rep analytics read 25,000 visit_summary rows and sorted and grouped them (40-50 ms of the
-- answer) to build 1,000 cells. visit_summary_cell holds what that statement built: per cell
-- (measure, rep or none, stage, next stage) the totals and the bucket counts as two arrays in
-- bucket order. The compactor (visit.SummaryCompactor) rewrites the cells of the groups it folds
-- in the same transaction as the fold, so a cell always equals the sum of its visit_summary rows;
-- reads add the deltas not folded yet (analytics.SummarySql), as before.
--   valued, value_sum  over the rows with a bucket (a value): the percentiles' and mean's base
--   buckets, counts    the buckets with a non-zero count, ascending, and their counts
--   min/max_left_at    over the groups with n > 0, as reads bounded them before
create table visit_summary_cell (
    tenant_id   text collate "C" not null,
    pipeline_id text collate "C" not null,
    measure     "char" not null,
    owner_id    text collate "C",
    stage       text collate "C" not null,
    next_stage  text collate "C",
    n           bigint not null,
    on_track    bigint not null,
    rushed      bigint not null,
    slow        bigint not null,
    skipped     bigint not null,
    valued      bigint not null,
    value_sum   numeric,
    min_left_at timestamptz,
    max_left_at timestamptz,
    buckets     int[],
    counts      bigint[]
);
create unique index visit_summary_cell_key on visit_summary_cell
    (tenant_id, pipeline_id, measure, owner_id, stage, next_stage) nulls not distinct;
select pipeline_health_protect('visit_summary_cell');

-- Runs a statement once per tenant, with the tenant's setting in place: under row-level security
-- (forced, so even the owner running the migrations) a statement sees one tenant's rows at a time.
-- A superuser sees them all, so the statement also names the tenant:
-- current_setting('pipeline_health.tenant'). V12, V18, V21 and V22 each wrote this loop out; from
-- V24 on, migrations call it.
create function pipeline_health_each_tenant(statement text) returns void language plpgsql as $$
declare
    t text;
begin
    for t in select tenant_id from tenant loop
        perform set_config('pipeline_health.tenant', t, true);
        execute statement;
    end loop;
    perform set_config('pipeline_health.tenant', '', true);
end
$$;

-- The cells of what is folded already.
select pipeline_health_each_tenant($$
    insert into visit_summary_cell
    select tenant_id, pipeline_id, measure, owner_id, stage, next_stage, sum(n), sum(on_track), sum(rushed),
           sum(slow), sum(skipped), coalesce(sum(n) filter (where bucket is not null), 0),
           sum(value_sum) filter (where bucket is not null),
           min(min_left_at) filter (where n > 0), max(max_left_at) filter (where n > 0),
           array_agg(bucket order by bucket) filter (where bucket is not null and n <> 0),
           array_agg(n order by bucket) filter (where bucket is not null and n <> 0)
    from visit_summary
    where tenant_id = current_setting('pipeline_health.tenant')
    group by tenant_id, pipeline_id, measure, owner_id, stage, next_stage
$$);
