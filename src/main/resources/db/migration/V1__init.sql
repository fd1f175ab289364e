-- Every table carries the tenant id and every key includes it, so per-tenant API keys and
-- isolation can come without a rewrite. Identifiers use the "C" collation: ties and keyset
-- pagination follow Unicode code points whatever the database's default collation is.

create table pipeline (
    tenant_id   text collate "C" not null,
    pipeline_id text collate "C" not null,
    name        text not null,
    definition  jsonb not null,
    created_at  timestamptz not null,
    updated_at  timestamptz not null,
    primary key (tenant_id, pipeline_id)
);

-- One row per opportunity: fixes its pipeline and is the row locked while its history changes,
-- so concurrent batches touching the same opportunity are applied one after the other.
create table opportunity (
    tenant_id      text collate "C" not null,
    opportunity_id text collate "C" not null,
    pipeline_id    text collate "C" not null,
    primary key (tenant_id, opportunity_id),
    foreign key (tenant_id, pipeline_id) references pipeline
);

-- Stage transitions exactly as the CRM sent them (instants kept to the microsecond).
create table transition_event (
    tenant_id      text collate "C" not null,
    event_id       text collate "C" not null,
    opportunity_id text collate "C" not null,
    pipeline_id    text collate "C" not null,
    stage          text collate "C" not null,
    occurred_at    timestamptz not null,
    owner_id       text collate "C" not null,
    amount         numeric,
    currency       text,
    attributes     jsonb not null default '{}',
    received_at    timestamptz not null default now(),
    primary key (tenant_id, event_id)
);
create index transition_event_history on transition_event (tenant_id, opportunity_id, occurred_at);

-- Hand-offs between sales and marketing nurturing (DOMAIN rule 12).
create table handoff (
    handoff_id     bigint generated always as identity primary key,
    tenant_id      text collate "C" not null,
    opportunity_id text collate "C" not null,
    pipeline_id    text collate "C" not null,
    direction      text not null,
    at             timestamptz not null,
    reason         text not null,
    by_whom        text not null,
    stage          text collate "C",
    owner_id       text collate "C",
    automatic      boolean not null default false,
    recorded_at    timestamptz not null default now()
);
create index handoff_history on handoff (tenant_id, opportunity_id, at);

-- Derived from events and hand-offs by the service (VisitDeriver), rewritten per opportunity
-- whenever its history or its pipeline changes. One row per period of an opportunity's history:
-- stage visits (VISIT, SKIPPED) and the periods between them (CLOSED, NURTURING, DISQUALIFIED).
-- Figures for any asOf come from these rows: a row counts when entered_at <= asOf, and is
-- closed when left_at <= asOf. *_s columns are epoch seconds truncated (DOMAIN rule 13).
create table visit (
    tenant_id      text collate "C" not null,
    opportunity_id text collate "C" not null,
    seq            int not null,
    pipeline_id    text collate "C" not null,
    kind           text not null,
    stage          text collate "C" not null,
    stage_order    int not null,
    entered_at     timestamptz not null,
    left_at        timestamptz,
    entered_s      bigint not null,
    left_s         bigint,
    owner_id       text collate "C",
    standard_s     bigint,
    rushed_below   numeric(4, 2),
    slow_above     numeric(6, 2),
    frozen_after_s bigint,
    closed_status  text,
    closed_by      text,
    next_stage     text collate "C",
    -- what was known after last_event_at, the last step applied during this period
    current_owner  text collate "C",
    last_event_at  timestamptz not null,
    amount         numeric,
    currency       text,
    attributes     jsonb not null,
    primary key (tenant_id, opportunity_id, seq)
);
create index visit_stage_owner on visit (tenant_id, pipeline_id, stage, owner_id) where kind in ('VISIT', 'SKIPPED');
create index visit_open on visit (tenant_id, pipeline_id, opportunity_id) where left_at is null;
