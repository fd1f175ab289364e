package io.pipelinehealth.pipeline;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of stored pipelines. A row's {@code version} is its {@code xmin}: it changes with every
 * replacement (each is its own transaction) and not with a share lock, so a cached parse of the
 * definition is valid exactly while the version read with the row is the same.
 * <p>
 * Not a Panache entity, unlike the other admin tables, for three reasons an entity would only hide:
 * every ingested batch reads its pipeline here under a share lock in its own transaction (the hot
 * path, where an entity's session and dirty checking buy nothing); the version is PostgreSQL's
 * {@code xmin}, which no JPA version column can be; and two concurrent first PUTs must end as one
 * 201 and one 200 ({@code on conflict do nothing} makes the second wait for the first, where a
 * persisted entity would fail the second's transaction on the primary key).
 */
@ApplicationScoped
class PipelineStore {

    /** A stored pipeline row; the definition is the JSON document the client sent. */
    record Row(String pipelineId, String name, String definition, Instant createdAt, Instant updatedAt,
            String version) {
    }

    private static final String SELECT = """
            select pipeline_id, name, definition::text, created_at, updated_at, xmin::text from pipeline
            """;
    private static final String ONE = SELECT + " where tenant_id = :tenant and pipeline_id = :pipeline";

    @Inject AgroalDataSource dataSource;

    Optional<Row> find(String tenantId, String pipelineId) {
        return one(new NamedSql(ONE), tenantId, pipelineId);
    }

    /** Read under a share lock: a replacement of the definition waits for ingestion in flight. */
    Optional<Row> findShared(String tenantId, String pipelineId) {
        return one(new NamedSql(ONE + " for share"), tenantId, pipelineId);
    }

    /** Read under a write lock, for a replacement. */
    Optional<Row> findForUpdate(String tenantId, String pipelineId) {
        return one(new NamedSql(ONE + " for update"), tenantId, pipelineId);
    }

    /** Creates the row unless it exists (then waits for a concurrent creator to finish); true if created. */
    boolean insertIfAbsent(String tenantId, String pipelineId, String name, String definition, Instant now) {
        return new NamedSql("""
                insert into pipeline (tenant_id, pipeline_id, name, definition, created_at, updated_at)
                values (:tenant, :pipeline, :name, cast(:definition as jsonb), :now, :now)
                on conflict (tenant_id, pipeline_id) do nothing""")
                .set("tenant", tenantId).set("pipeline", pipelineId).set("name", name).set("definition", definition)
                .set("now", now).update(dataSource) == 1;
    }

    void replace(String tenantId, String pipelineId, String name, String definition, Instant now) {
        new NamedSql("""
                update pipeline set name = :name, definition = cast(:definition as jsonb), updated_at = :now
                where tenant_id = :tenant and pipeline_id = :pipeline""")
                .set("name", name).set("definition", definition).set("now", now)
                .set("tenant", tenantId).set("pipeline", pipelineId).update(dataSource);
    }

    List<Row> page(String tenantId, String after, int limit) {
        return rows(new NamedSql(SELECT + """
                 where tenant_id = :tenant and pipeline_id > :after order by pipeline_id limit :limit""")
                .set("tenant", tenantId).set("after", after == null ? "" : after).set("limit", limit));
    }

    private Optional<Row> one(NamedSql sql, String tenantId, String pipelineId) {
        return rows(sql.set("tenant", tenantId).set("pipeline", pipelineId)).stream().findFirst();
    }

    private List<Row> rows(NamedSql sql) {
        return sql.list(dataSource, row -> new Row(row.getString(1), row.getString(2), row.getString(3),
                Jdbc.instant(row, 4), Jdbc.instant(row, 5), row.getString(6)));
    }
}
