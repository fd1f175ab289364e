package io.pipelinehealth.identity;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A tenant row (V4), mapped for Hibernate ORM with Panache: plain CRUD of an admin table. The
 * table is global (outside row-level security): a key is looked up before its tenant is known.
 */
@Entity
@Table(name = "tenant")
public class TenantEntity extends PanacheEntityBase {

    @Id
    @Column(name = "tenant_id")
    public String id;

    @Column(name = "name", nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    static TenantEntity of(Tenant tenant) {
        TenantEntity entity = new TenantEntity();
        entity.id = tenant.id();
        entity.name = tenant.name();
        entity.createdAt = tenant.createdAt();
        return entity;
    }

    Tenant tenant() {
        return new Tenant(id, name, createdAt);
    }
}
