-- Issue 10, write path.
--
-- 1. A slim visit table: amount, currency and attributes were copied onto every visit row of an
--    opportunity (the jsonb alone about half a row). They are now kept once per opportunity, as
--    known after its latest event (known_at); a read for an earlier asOf derives them from the
--    history (frozen list), as it already did for a visit whose snapshot was newer than asOf.
alter table opportunity
    add column amount     numeric,
    add column currency   text,
    add column attributes jsonb not null default '{}',
    add column known_at   timestamptz;

-- Existing rows: the snapshot of each opportunity's last visit row is what was known after its
-- latest event. Row-level security is forced, so the copy runs tenant by tenant.
do $$
declare
    t text;
begin
    for t in select tenant_id from tenant loop
        perform set_config('pipeline_health.tenant', t, true);
        update opportunity o
        set amount = v.amount, currency = v.currency, attributes = v.attributes, known_at = e.known_at
        from (select distinct on (opportunity_id) opportunity_id, amount, currency, attributes
              from visit where tenant_id = t order by opportunity_id, seq desc) v,
             (select opportunity_id, max(occurred_at) as known_at
              from transition_event where tenant_id = t group by opportunity_id) e
        where o.tenant_id = t and v.opportunity_id = o.opportunity_id and e.opportunity_id = o.opportunity_id;
    end loop;
    perform set_config('pipeline_health.tenant', '', true);
end
$$;

alter table visit
    drop column amount,
    drop column currency,
    drop column attributes;

-- 2. The durable record of opportunities whose stored events are not derived yet: written in the
--    transaction that stores the events, deleted by the transaction that derives them (at the
--    request's end, by the background worker of any replica, or at the next start after a crash).
--    One row per batch and opportunity, so that concurrent batches never wait on each other here;
--    from_at is the earliest event of the batch for the opportunity (derivation starts there).
create table derive_pending (
    pending_id     bigint generated always as identity primary key,
    tenant_id      text collate "C" not null,
    opportunity_id text collate "C" not null,
    pipeline_id    text collate "C" not null,
    from_at        timestamptz not null,
    since          timestamptz not null default now()
);
create index derive_pending_opportunity on derive_pending (tenant_id, opportunity_id);
select pipeline_health_protect('derive_pending');
