-- The analyst's side of every comparison: the CRM's stage history as a plain table, the way a
-- BI tool would see it, plus the pipeline definitions as two small lookup tables.
-- Same column types as the service's transition_event (minus the tenant); primary key on the
-- event id and one index on (opportunity id, time), as issue 5 prescribes for the COPY ceiling.
drop table if exists bench_event;
drop table if exists bench_stage;
drop table if exists bench_stage_override;

create table bench_event (
    event_id       text collate "C" primary key,
    opportunity_id text collate "C" not null,
    pipeline_id    text collate "C" not null,
    stage          text collate "C" not null,
    occurred_at    timestamptz not null,
    owner_id       text collate "C" not null,
    amount         numeric,
    currency       text,
    attributes     jsonb not null default '{}'
);
create index bench_event_history on bench_event (opportunity_id, occurred_at);

-- One row per stage; standard and frozen_after in seconds, null for terminal stages.
create table bench_stage (
    pipeline_id    text collate "C" not null,
    stage          text collate "C" not null,
    stage_order    int not null,
    kind           text not null,          -- OPEN, WON or LOST
    standard_s     bigint,
    rushed_below   numeric not null default 0.5,
    slow_above     numeric not null default 1.5,
    frozen_after_s bigint,                 -- 3 x standard unless set
    primary key (pipeline_id, stage)
);

-- Regional standards (the service's overrides with a single {"region": ...} condition).
create table bench_stage_override (
    pipeline_id text collate "C" not null,
    stage       text collate "C" not null,
    region      text not null,
    standard_s  bigint not null,
    primary key (pipeline_id, stage, region)
);
