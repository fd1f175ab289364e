-- Issue 22: the visit feed (GET /api/v1/visits and OData) with a change cursor.
--
-- 1. visit_key: a visit's stable id. md5 of the opportunity, the stage, the entry instant (epoch
--    microseconds) and n, the number of earlier positions of the opportunity with the same stage
--    and entry (0 almost always; it tells apart zero-length returns at one instant). A re-derived
--    visit keeps its key while its stage and entry stay the same. Lengths prefix the texts, so no
--    two different inputs give one string. visit.VisitKeys computes the same in Java for new rows.
alter table visit add column visit_key text collate "C";

do $$
declare
    t text;
begin
    for t in select tenant_id from tenant loop
        perform set_config('pipeline_health.tenant', t, true);
        update visit v
        set visit_key = k.visit_key
        from (select opportunity_id, seq,
                     md5(length(opportunity_id) || ':' || opportunity_id || '|' || length(stage) || ':' || stage
                         || '|' || (extract(epoch from entered_at) * 1000000)::bigint || '|'
                         || (row_number() over (partition by opportunity_id, stage, entered_at order by seq) - 1))
                         as visit_key
              from visit where tenant_id = t) k
        where v.tenant_id = t and v.opportunity_id = k.opportunity_id and v.seq = k.seq;
    end loop;
    perform set_config('pipeline_health.tenant', '', true);
end
$$;
alter table visit alter column visit_key set not null;

-- 2. What the feed shows of a visit row, as one digest: a re-derivation that writes a row with
--    the same digest changed nothing a BI tool sees, and is not reported as a change.
create function visit_feed_digest(v visit) returns text language sql immutable as $$
    select md5(row(v.kind, v.stage, v.entered_at, v.left_at, v.owner_id, v.standard_s, v.rushed_below,
                   v.slow_above, v.frozen_after_s, v.working_s, v.closed_status)::text)
$$;

-- 3. The change log: one row per visit key ever fed (VISIT and SKIPPED rows), the latest change
--    only. changed_by is the id of the transaction that wrote the change (the derivation's own,
--    so it commits with the visit rows). A reader reports changes whose transaction id is below
--    the xmin of its snapshot: all of those have ended, so none can commit later with a smaller
--    number, and the next cursor is that xmin (feed.FeedQueries; docs/domain-decisions.md).
--    deleted marks a tombstone: the visit no longer exists (a late event split or merged visits).
create table visit_change (
    tenant_id      text collate "C" not null,
    visit_key      text collate "C" not null,
    pipeline_id    text collate "C" not null,
    opportunity_id text collate "C" not null,
    deleted        boolean not null,
    changed_by     xid8 not null default pg_current_xact_id(),
    primary key (tenant_id, visit_key)
);
create index visit_change_since on visit_change (tenant_id, pipeline_id, changed_by);
select pipeline_health_protect('visit_change');

-- The full pull pages through one pipeline's visits by key.
create index visit_feed_key on visit (tenant_id, pipeline_id, visit_key) where kind in ('VISIT', 'SKIPPED');
