-- Issue 23: on Citus, tenant tables are distributed by tenant_id, all colocated (one tenant's rows
-- of every table on one shard group), and the global tables are reference tables (a copy on every
-- node). On plain PostgreSQL the function does nothing.
--
-- It is called by the Flyway callback afterMigrate.sql after every migration run, so a table that a
-- later migration creates is distributed with no further step; docs/scaling.md has the convention.
-- Idempotent: a table already distributed or a reference table is left alone. A "Citus local" table
-- (one Citus took into its metadata by itself, as it does with a table referencing a new reference
-- table: api_key -> tenant) counts as not distributed yet.
--   global tables      tenant, api_key (the lookup by hash before any tenant is known),
--                      connector_route, server_secret: reference tables. They never reference
--                      tenant tables (Citus refuses a reference table's foreign key to a
--                      distributed one); tenant tables may reference them (ui_session -> api_key).
--   tenant tables      every other table of the schema with a tenant_id column: distributed by
--                      tenant_id, colocated with pipeline; a table whose foreign keys reference a
--                      table not distributed yet waits for a later round of the loop.
--   functions          Citus creates a function on the workers by itself when it is made after
--                      the extension; one that a statement runs on the workers must not take a
--                      table's row type (the workers see shards, visit_102008, not visit).
-- The role pipeline_health_app gets LOGIN on Citus: the coordinator opens its connections to the
-- workers as the current user, and the service's queries run as that role (V6).
-- Distributed and reference tables (not Citus local ones).
create function pipeline_health_distributed() returns regclass[] language plpgsql stable as $$
begin
    return array(select logicalrelid from pg_dist_partition where partmethod = 'h' or repmodel = 't');
end
$$;

create function pipeline_health_distribute() returns void language plpgsql as $$
declare
    global_tables constant text[] := array['tenant', 'api_key', 'connector_route', 'server_secret'];
    name text;
    tab regclass;
    progress boolean;
    done regclass[];
begin
    if not exists (select 1 from pg_extension where extname = 'citus') then
        return;
    end if;
    -- Replicas starting together each run the callback after Flyway's lock is released: one at a
    -- time, and each statement below then sees what the one before it distributed.
    perform pg_advisory_xact_lock(hashtext('pipeline_health_distribute'));
    if exists (select 1 from pg_roles where rolname = 'pipeline_health_app' and not rolcanlogin) then
        alter role pipeline_health_app login;
    end if;
    -- in order: api_key references tenant
    foreach name in array global_tables loop
        tab := to_regclass(name);
        if tab is not null and tab <> all (pipeline_health_distributed()) then
            perform create_reference_table(tab);
        end if;
    end loop;
    tab := to_regclass('pipeline');
    if tab is not null and tab <> all (pipeline_health_distributed()) then
        perform create_distributed_table(tab, 'tenant_id', colocate_with => 'none');
    end if;
    loop
        progress := false;
        done := pipeline_health_distributed();
        for tab in
            select c.oid::regclass from pg_class c
            join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
            where c.relkind in ('r', 'p') and not c.relispartition and c.relname <> all (global_tables)
              and c.oid::regclass <> all (done)
              and not exists (select 1 from pg_constraint f
                              where f.conrelid = c.oid and f.contype = 'f' and f.confrelid <> c.oid
                                and f.confrelid::regclass <> all (done))
            order by c.relname
        loop
            perform create_distributed_table(tab, 'tenant_id', colocate_with => 'pipeline');
            progress := true;
        end loop;
        exit when not progress;
    end loop;
end
$$;
