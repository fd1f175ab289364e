-- Issue 11: CRM connectors. A connector maps one CRM's webhooks or exports onto our pipelines.
create table connector (
    tenant_id     text collate "C" not null,
    connector_id  text collate "C" not null,
    kind          text not null check (kind in ('HUBSPOT', 'PIPEDRIVE', 'SALESFORCE_CSV')),
    name          text not null,
    -- [{"crmStage", "pipelineId", "stage"}], {"<crm owner id>": "<ownerId>"}, {"<crm property>": "<attribute key>"}
    stages        jsonb not null,
    owners        jsonb not null,
    attributes    jsonb not null,
    -- HubSpot's client secret, AES-GCM sealed (connector.SecretBox); Pipedrive's user:password as a
    -- salted PBKDF2 hash (connector.BasicSecret); neither for a Salesforce export (our own keys).
    secret_sealed bytea,
    secret_hash   text,
    created_at    timestamptz not null,
    updated_at    timestamptz not null,
    primary key (tenant_id, connector_id)
);
select pipeline_health_protect('connector');

-- An inbound request names only the connector: its tenant must be known before row-level security
-- lets anything of that tenant be read. Like api_key (V8), this lookup table holds ids only.
create table connector_route (
    connector_id text collate "C" primary key,
    tenant_id    text collate "C" not null
);

-- What arrived at a connector, what it became, and what was ignored and why (newest first).
create table connector_log (
    tenant_id     text collate "C" not null,
    log_id        bigserial,
    connector_id  text collate "C" not null,
    at            timestamptz not null,
    source        text not null,
    outcome       text not null,
    event_id      text,
    opportunity_id text,
    detail        text,
    primary key (tenant_id, log_id)
);
create index connector_log_by_connector on connector_log (tenant_id, connector_id, log_id desc);
select pipeline_health_protect('connector_log');

-- HubSpot sends one property at a time: the values of a deal's owner, amount, stage and mapped
-- properties with the instant they took effect, so a stage change takes the owner and amount known
-- at its instant whatever order the events arrive in. The event key makes retries no-ops.
create table connector_deal_property (
    tenant_id     text collate "C" not null,
    connector_id  text collate "C" not null,
    deal_id       text collate "C" not null,
    property      text collate "C" not null,
    occurred_at   timestamptz not null,
    event_key     text collate "C" not null,
    value         text,
    primary key (tenant_id, connector_id, event_key)
);
create index connector_deal_property_at on connector_deal_property
    (tenant_id, connector_id, deal_id, property, occurred_at desc);
select pipeline_health_protect('connector_deal_property');
