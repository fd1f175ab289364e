-- Issue 19: sign-in sessions of the pages (/ui). A browser cannot send a Bearer key, so POST
-- /ui/login trades a key for a session: the cookie holds a random session id, this table only its
-- SHA-256. A session belongs to its key: revoking or expiring the key ends it (the lookup joins
-- api_key), and deleting the key deletes it. Numbered 30, well above the others, so that a
-- migration another branch adds meanwhile cannot take the same version.
create table ui_session (
    tenant_id    text collate "C" not null,
    session_hash text collate "C" not null,
    key_id       text collate "C" not null,
    created_at   timestamptz not null,
    last_seen_at timestamptz not null,
    primary key (tenant_id, session_hash),
    foreign key (tenant_id, key_id) references api_key (tenant_id, key_id) on delete cascade
);
create index ui_session_key on ui_session (tenant_id, key_id);

-- Tenant data like any other: row-level security with the tenant policy (V6).
select pipeline_health_protect('ui_session');
