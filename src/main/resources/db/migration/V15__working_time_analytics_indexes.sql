-- The V2 analytics indexes for pipelines with a working-time calendar (issue 12). Their analytics
-- read the stored working_s instead of left_s - entered_s (analytics/ClosedActual), which the V2
-- expressions do not cover: without these, rep and stage analytics of a calendar pipeline sorted
-- every closed visit and ran about twice as long as those of its calendar-time twin (bench section
-- 5, docs/benchmarks.md). Partial on working_s is not null, which only calendar pipelines' closed
-- visits have: rows of calendar-time pipelines are not in them and pay nothing to write.

-- Closed stage visits by rep and stage, ordered by deviation (working seconds minus standard).
create index visit_closed_deviation_working on visit
    (tenant_id, pipeline_id, owner_id, stage, (working_s - standard_s))
    include (closed_status, left_at, left_s, entered_s, standard_s, working_s)
    where kind in ('VISIT', 'SKIPPED') and left_at is not null and working_s is not null;

-- Closed stage visits by stage, ordered by working seconds.
create index visit_closed_actual_working on visit
    (tenant_id, pipeline_id, stage, working_s)
    include (kind, closed_status, closed_by, next_stage, left_at, left_s, entered_s)
    where kind in ('VISIT', 'SKIPPED') and left_at is not null and working_s is not null;
