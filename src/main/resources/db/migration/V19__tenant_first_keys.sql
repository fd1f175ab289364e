-- Issue 23: every key of tenant data starts with tenant_id, so Citus can distribute the tables by
-- tenant (it refuses a unique constraint without the distribution column, and wants foreign keys
-- between distributed tables to include it). The other tables' keys already do (V1..V18): only
-- the three with a bare identity key change. Their identities keep numbering rows: one sequence per
-- table, so a tenant's ids still grow with insertion and its pages by id keep their order.
alter table handoff drop constraint handoff_pkey, add primary key (tenant_id, handoff_id);
alter table derive_pending drop constraint derive_pending_pkey, add primary key (tenant_id, pending_id);
alter table webhook_delivery drop constraint webhook_delivery_pkey, add primary key (tenant_id, delivery_id);

-- The dispatcher claims due deliveries tenant by tenant (webhook.WebhookStore.claim): the index of
-- due rows leads with the tenant, so a claim reads only its tenant's due rows (and on Citus only
-- its shard).
drop index webhook_delivery_due;
create index webhook_delivery_due on webhook_delivery (tenant_id, next_attempt_at) where status = 'PENDING';

-- V18's digest took a whole visit row; visit.VisitStore now writes the same expression over
-- columns (a row of a Citus shard has the shard's type, which the function does not take).
drop function visit_feed_digest(visit);
