-- Hand-offs, frozen deals and webhooks (issue 4).

-- The audit trail of hand-offs, newest pages by (at, handoff_id).
create index handoff_audit on handoff (tenant_id, at, handoff_id);

-- Frozen deals: open stage visits ordered by the second they freeze at (entered_s +
-- frozen_after_s), so "most overdue first" is an index scan that stops at the page size.
create index visit_open_deadline on visit (tenant_id, (entered_s + frozen_after_s), opportunity_id)
    where kind = 'VISIT' and left_at is null;
create index visit_open_pipeline_deadline on visit (tenant_id, pipeline_id, (entered_s + frozen_after_s), opportunity_id)
    where kind = 'VISIT' and left_at is null;
-- The same for the current owner filter (rule 10: the owner after the row's last event).
create index visit_open_owner_deadline on visit (tenant_id, current_owner, (entered_s + frozen_after_s), opportunity_id)
    where kind = 'VISIT' and left_at is null;
-- Open visits with a step after asOf (their snapshot is newer than asOf), and visits closed
-- after asOf (open at asOf): both few for a recent asOf.
create index visit_open_last_event on visit (tenant_id, last_event_at) where kind = 'VISIT' and left_at is null;
create index visit_closed_left on visit (tenant_id, left_at) where kind = 'VISIT' and left_at is not null;

-- One row per frozen visit the scan has announced: the key makes repeated scans and several
-- replicas announce a visit once.
create table frozen_notice (
    tenant_id      text collate "C" not null,
    opportunity_id text collate "C" not null,
    stage          text collate "C" not null,
    entered_at     timestamptz not null,
    noticed_at     timestamptz not null,
    primary key (tenant_id, opportunity_id, stage, entered_at)
);

-- Webhook subscriptions; the secret is shown once, when the subscription is created.
create table webhook_subscription (
    tenant_id       text collate "C" not null,
    subscription_id text collate "C" not null,
    url             text not null,
    events          text[] not null,
    secret          text not null,
    enabled         boolean not null default true,
    disabled_reason text,
    created_at      timestamptz not null,
    primary key (tenant_id, subscription_id)
);

-- The transactional outbox and delivery log: one row per message and subscription, written in
-- the transaction that caused the event, sent later by the dispatcher (at least once).
create table webhook_delivery (
    delivery_id      bigint generated always as identity primary key,
    tenant_id        text collate "C" not null,
    subscription_id  text collate "C" not null,
    message_id       text not null,
    event_type       text not null,
    payload          text not null,
    status           text not null,
    attempts         int not null default 0,
    created_at       timestamptz not null,
    next_attempt_at  timestamptz not null,
    last_attempt_at  timestamptz,
    last_status_code int,
    last_error       text,
    delivered_at     timestamptz,
    foreign key (tenant_id, subscription_id) references webhook_subscription on delete cascade
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (tenant_id, subscription_id, delivery_id);
