-- Tenants, API keys and the audit trail (issue 8).

create table tenant (
    tenant_id  text collate "C" primary key,
    name       text not null,
    created_at timestamptz not null
);
insert into tenant (tenant_id, name, created_at) values ('default', 'Default tenant', now());

-- A key is stored only as the SHA-256 of the whole key. Keys are 256 random bits, so a fast hash
-- is enough: there is nothing to guess that a slow password hash would protect. The key itself is
-- shown once, when it is created.
create table api_key (
    tenant_id    text collate "C" not null references tenant,
    key_id       text collate "C" not null,
    name         text not null,
    roles        text[] not null,
    owner_id     text collate "C",
    prefix       text not null,
    key_hash     text not null unique,
    created_at   timestamptz not null,
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    primary key (tenant_id, key_id)
);

-- Who did what, when: pipeline changes, keys, webhooks, tenants, hand-offs.
create table audit_event (
    audit_id  bigint generated always as identity,
    tenant_id text collate "C" not null,
    at        timestamptz not null,
    key_id    text,
    key_name  text,
    action    text not null,
    target    text,
    primary key (tenant_id, audit_id)
);
