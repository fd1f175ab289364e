-- Visit indexes that no query plan needs (issue 10; EXPLAIN ANALYZE of every read at 1m in
-- docs/benchmarks.md, "Indexes and the plans that use them"). Every visit row written pays for
-- each index, so these two only cost.
--
-- visit_open (tenant, pipeline, opportunity) where left_at is null: used only by the nurturing
-- check of ingestion (handoff/ImplicitReturns), which the primary key (tenant, opportunity, seq)
-- serves as well for its few given opportunities (0.7 ms at 1m without it).
drop index if exists visit_open;
-- visit_stage_owner (tenant, pipeline, stage, owner) for VISIT and SKIPPED rows: used only by the
-- open visits of one rep (rep analytics with ownerId, rep profile); without it those read
-- visit_open_now, an index-only scan of the pipeline's open visits (37 ms -> 2 ms at 1m).
drop index if exists visit_stage_owner;
