package io.pipelinehealth.db;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.MappedSuperclass;
import java.io.Serializable;

/**
 * The key of a tenant table's row mapped with Panache: its tenant and its own id, unique within
 * the tenant (a tenant table's primary key starts with {@code tenant_id}, V19). An entity names
 * its id column with {@code @AttributeOverride(name = "id", column = @Column(name = "..."))}.
 * Queries need no tenant predicate for safety (row-level security shows one tenant per
 * connection, {@link TenantSession}), but name it anyway, for Citus's routing.
 */
@MappedSuperclass
@IdClass(TenantScopedEntity.Key.class)
public abstract class TenantScopedEntity extends PanacheEntityBase {

    /** The primary key: {@code findById(new Key(tenantId, id))}. */
    public record Key(String tenantId, String id) implements Serializable {
    }

    @Id
    @Column(name = "tenant_id")
    public String tenantId;

    @Id
    public String id;
}
