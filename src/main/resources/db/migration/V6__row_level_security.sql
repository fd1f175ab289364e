-- Issue 8 (second line) and issue 9 (claim tokens).
--
-- Row-level security: every tenant table only shows and accepts rows of the tenant named in the
-- session setting pipeline_health.tenant (db.TenantSession sets it at every connection checkout).
-- The service's queries run as pipeline_health_app, which is neither superuser nor BYPASSRLS, even
-- when the configured database user is a superuser: the service SETs ROLE to it. Migrations run as
-- the login user (Flyway's init-sql resets the role). FORCE makes the policies apply to the tables'
-- owner too; only superusers and BYPASSRLS roles skip them, so a data migration run by a plain
-- owner must set pipeline_health.tenant itself.

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'pipeline_health_app') then
        create role pipeline_health_app nologin nosuperuser nobypassrls nocreatedb nocreaterole noinherit;
    end if;
end
$$;
-- The login user must be a member to SET ROLE (superusers always may).
grant pipeline_health_app to current_user;

grant usage on schema "${flyway:defaultSchema}" to pipeline_health_app;
grant select, insert, update, delete on all tables in schema "${flyway:defaultSchema}" to pipeline_health_app;
grant usage, select on all sequences in schema "${flyway:defaultSchema}" to pipeline_health_app;
revoke all on "${flyway:defaultSchema}"."${flyway:table}" from pipeline_health_app;
-- Tables and sequences of later migrations (made by this same user) are granted too.
alter default privileges in schema "${flyway:defaultSchema}"
    grant select, insert, update, delete on tables to pipeline_health_app;
alter default privileges in schema "${flyway:defaultSchema}"
    grant usage, select on sequences to pipeline_health_app;

-- Background work (frozen scan, webhook dispatch) runs tenant by tenant and needs the tenants
-- before it can set one: this directory holds only their ids and has no row-level security.
-- Every tenant with data has a pipeline or a webhook subscription, so these fill it.
create table tenant_directory (
    tenant_id text collate "C" primary key
);
insert into tenant_directory
select tenant_id from pipeline union select tenant_id from webhook_subscription;

create function tenant_directory_add() returns trigger language plpgsql as $$
begin
    insert into tenant_directory (tenant_id) values (new.tenant_id) on conflict do nothing;
    return null;
end
$$;
create trigger pipeline_tenant_directory after insert on pipeline
    for each row execute function tenant_directory_add();
create trigger webhook_subscription_tenant_directory after insert on webhook_subscription
    for each row execute function tenant_directory_add();

-- Enables and forces row-level security with the tenant policy on one table. Later migrations call
-- it for every new table with a tenant_id column (RlsTest fails for a table that misses it).
create function pipeline_health_protect(tab regclass) returns void language plpgsql as $$
begin
    execute format('alter table %s enable row level security', tab);
    execute format('alter table %s force row level security', tab);
    execute format('create policy tenant_isolation on %s using '
                   '(tenant_id = current_setting(''pipeline_health.tenant'', true))', tab);
end
$$;

select pipeline_health_protect(t) from unnest(array[
    'pipeline', 'opportunity', 'transition_event', 'handoff', 'visit', 'frozen_notice',
    'webhook_subscription', 'webhook_delivery']::regclass[]) as t;

-- Issue 9: a claim carries a random token; only the holder of the current claim writes outcomes.
alter table webhook_delivery add column claim_token uuid;
