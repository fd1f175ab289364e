package io.pipelinehealth.pipeline;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A stored pipeline; the definition is kept as the JSON document the client sent. */
@Entity
@Table(name = "pipeline")
@IdClass(PipelineEntity.Key.class)
public class PipelineEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    @Column(name = "pipeline_id")
    public String pipelineId;

    public String name;

    @JdbcTypeCode(SqlTypes.JSON)
    public String definition;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<PipelineEntity> find(String tenantId, String pipelineId) {
        return findByIdOptional(new Key(tenantId, pipelineId));
    }

    /** Read under a share lock: a replacement of the definition waits for ingestion in flight. */
    public static Optional<PipelineEntity> findShared(String tenantId, String pipelineId) {
        return find("tenantId = ?1 and pipelineId = ?2", tenantId, pipelineId)
                .withLock(LockModeType.PESSIMISTIC_READ).firstResultOptional();
    }

    /** Read under a write lock, for a replacement. */
    public static Optional<PipelineEntity> findForUpdate(String tenantId, String pipelineId) {
        return find("tenantId = ?1 and pipelineId = ?2", tenantId, pipelineId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Creates the row unless it exists (then waits for a concurrent creator to finish); true if created. */
    public static boolean insertIfAbsent(String tenantId, String pipelineId, String name, String definition,
            Instant now) {
        return getEntityManager().createNativeQuery("""
                insert into pipeline (tenant_id, pipeline_id, name, definition, created_at, updated_at)
                values (:tenant, :pipeline, :name, cast(:definition as jsonb), :now, :now)
                on conflict (tenant_id, pipeline_id) do nothing""")
                .setParameter("tenant", tenantId).setParameter("pipeline", pipelineId).setParameter("name", name)
                .setParameter("definition", definition).setParameter("now", now.atOffset(java.time.ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    public static List<PipelineEntity> page(String tenantId, String after, int limit) {
        return find("tenantId = ?1 and pipelineId > ?2 order by pipelineId", tenantId, after == null ? "" : after)
                .page(0, limit).list();
    }

    /** Composite key (tenant, pipeline id). */
    public static class Key implements Serializable {
        public String tenantId;
        public String pipelineId;

        public Key() {
        }

        public Key(String tenantId, String pipelineId) {
            this.tenantId = tenantId;
            this.pipelineId = pipelineId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(tenantId, key.tenantId)
                    && Objects.equals(pipelineId, key.pipelineId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tenantId, pipelineId);
        }
    }
}
