-- Flyway runs this after every migration run (a SQL callback, not a versioned migration): on
-- Citus it distributes the tables and functions that are not distributed yet (V20), so a tenant
-- table made by a later migration needs no step of its own. On plain PostgreSQL: nothing.
do $$
begin
    if to_regprocedure('pipeline_health_distribute()') is not null then
        perform pipeline_health_distribute();
    end if;
end
$$;
