-- Indexes for the rep and stage analytics (issue 3). Each one serves one part of the analytics
-- queries as an index-only scan of one pipeline's rows; the expressions are written exactly as in
-- the queries (RepQueries, StageQueries), so PostgreSQL reads closed visits already grouped and in
-- the order percentile_cont needs, without sorting a million rows.

-- Closed stage visits by rep and stage, ordered by deviation (actual minus standard seconds).
create index visit_closed_deviation on visit
    (tenant_id, pipeline_id, owner_id, stage, ((left_s - entered_s) - standard_s))
    include (closed_status, left_at, left_s, entered_s, standard_s)
    where kind in ('VISIT', 'SKIPPED') and left_at is not null;

-- Closed stage visits by stage, ordered by actual seconds.
create index visit_closed_actual on visit
    (tenant_id, pipeline_id, stage, (left_s - entered_s))
    include (kind, closed_status, closed_by, next_stage, left_at, left_s, entered_s)
    where kind in ('VISIT', 'SKIPPED') and left_at is not null;

-- Visits open now, and visits that ended after some asOf: together, the visits open at asOf.
create index visit_open_now on visit (tenant_id, pipeline_id)
    include (owner_id, stage, entered_at, entered_s, frozen_after_s)
    where kind = 'VISIT' and left_at is null;
create index visit_left_at on visit (tenant_id, pipeline_id, left_at)
    include (owner_id, stage, entered_at, entered_s, frozen_after_s)
    where kind = 'VISIT' and left_at is not null;
