package io.pipelinehealth.connector;

import io.pipelinehealth.db.TenantScopedEntity;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A connector row (V10), mapped for Hibernate ORM with Panache: plain CRUD of an admin table,
 * under the same row-level security as every other query (Hibernate takes its connections from the
 * pool whose checkout sets the tenant). The jsonb columns are mapped as JSON text and written with
 * a cast: the store reads and writes them with the connector's own mapper (rather than Hibernate's
 * JSON format mapper, which would have to follow the API's strict JSON settings).
 */
@Entity
@Table(name = "connector")
@AttributeOverride(name = "id", column = @Column(name = "connector_id"))
public class ConnectorEntity extends TenantScopedEntity {

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", nullable = false)
    public ConnectorKind kind;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "stages", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String stages;

    @Column(name = "owners", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String owners;

    @Column(name = "attributes", nullable = false)
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String attributes;

    @Column(name = "secret_sealed")
    public byte[] secretSealed;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
