-- Issue 22, second part: tombstones are pruned after a retention, and a rep sees only the
-- tombstones of visits that were its own.
--
-- 1. changed_at: when the change row was last written (clock time of the write, not of the
--    transaction's start). Tombstones (deleted) older than the retention are pruned by
--    feed.TombstonePruner; other change rows stay: there is one per current visit.
alter table visit_change add column changed_at timestamptz not null default clock_timestamp();
create index visit_change_tombstone_age on visit_change (tenant_id, changed_at) where deleted;

-- 2. owners: every owner the visit had in the rows the derivations replaced or wrote, so a rep's
--    incremental pull gets a tombstone for a visit it could see (deleted, or moved to another
--    owner) and none for other reps' visits. A union that only grows: a rep that already deleted a
--    key may receive its tombstone again, which deletes nothing. Rows written before this
--    migration start with the visit's current owner; their earlier owners are unknown.
alter table visit_change add column owners text[] not null default '{}';
-- Row-level security is forced on both tables, for their owner too: tenant by tenant (as V18).
do $$
declare
    t text;
begin
    for t in select tenant_id from tenant loop
        perform set_config('pipeline_health.tenant', t, true);
        update visit_change c set owners = array[v.owner_id]
        from visit v
        where c.tenant_id = t and v.tenant_id = t and v.opportunity_id = c.opportunity_id
          and v.visit_key = c.visit_key and v.owner_id is not null;
    end loop;
    perform set_config('pipeline_health.tenant', '', true);
end
$$;

-- 3. The pruning frontier per pipeline: the highest change number of any tombstone pruned. An
--    incremental pull whose changedSince is at or below it may have missed a tombstone: it answers
--    410 Gone and the client does a full pull (feed.FeedService).
create table visit_change_pruned (
    tenant_id   text collate "C" not null,
    pipeline_id text collate "C" not null,
    pruned_upto xid8 not null,
    primary key (tenant_id, pipeline_id)
);
select pipeline_health_protect('visit_change_pruned');
