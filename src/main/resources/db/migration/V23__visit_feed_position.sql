-- Issue 22: a full pull goes through one pipeline's visits by opportunity, then visitKey
-- (feed.FeedQueries). Its two statements per page, the position the page ends at (keys only) and
-- the rows between two positions, read visit_pkey (tenant, opportunity, seq) before this index:
-- every visit of every pipeline in the range, three for each row of the pipeline in the bench
-- store, 20-45 ms of each 10,000-row page for the position alone. With the pipeline before the
-- opportunity, the position is an index-only scan of the page's own keys (1-5 ms) and the rows a
-- range of it. visit_feed_key stays: OData's Visits page in visitKey order. One more index every
-- visit write maintains (docs/benchmarks.md, issue 22).
create index visit_feed_position on visit (tenant_id, pipeline_id, opportunity_id, visit_key)
    where kind in ('VISIT', 'SKIPPED');
