-- Issue 20: fail closed. Work without a tenant runs with an empty pipeline_health.tenant
-- (common.TenantResolver no longer falls back to "default"). The V6 policy compared tenant_id with
-- the setting as it is, so such work could still read and write rows of the tenant '' - a tenant
-- of its own that every forgetful code path shared. An empty or missing setting now matches no
-- row: reads see nothing and inserts fail the policy's check (db/FailClosedTest).
do $$
declare
    tab regclass;
begin
    for tab in select polrelid::regclass from pg_policy where polname = 'tenant_isolation' loop
        execute format('alter policy tenant_isolation on %s using '
                       '(tenant_id = nullif(current_setting(''pipeline_health.tenant'', true), ''''))', tab);
    end loop;
end
$$;

-- Tables of later migrations get the same policy.
create or replace function pipeline_health_protect(tab regclass) returns void language plpgsql as $$
begin
    execute format('alter table %s enable row level security', tab);
    execute format('alter table %s force row level security', tab);
    execute format('create policy tenant_isolation on %s using '
                   '(tenant_id = nullif(current_setting(''pipeline_health.tenant'', true), ''''))', tab);
end
$$;
