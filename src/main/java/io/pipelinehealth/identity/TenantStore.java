package io.pipelinehealth.identity;

import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import org.hibernate.exception.ConstraintViolationException;
import java.util.List;

/** Tenants through Hibernate ORM with Panache, in the caller's transaction. */
@ApplicationScoped
public class TenantStore {

    /**
     * False when a tenant with this id exists already. Flushed at once: the first key and the audit
     * rows that follow are written over JDBC in the same transaction and reference the tenant. Of two
     * concurrent first inserts, the loser's flush fails on the primary key and answers false too.
     */
    public boolean insert(Tenant tenant) {
        if (TenantEntity.findById(tenant.id()) != null) {
            return false;
        }
        try {
            TenantEntity.of(tenant).persistAndFlush();
            return true;
        } catch (PersistenceException e) {
            if (duplicate(e)) {
                return false; // the transaction is marked for rollback; the caller answers 409 anyway
            }
            throw e;
        }
    }

    /** Hibernate may hand the unique violation over as is or wrapped, depending on where it was raised. */
    private static boolean duplicate(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && violation.getKind() == ConstraintViolationException.ConstraintKind.UNIQUE) {
                return true;
            }
        }
        return false;
    }

    /** Tenants after {@code afterId} in code-point order (the column's collation is "C"). */
    public List<Tenant> page(String afterId, int limit) {
        return TenantEntity.<TenantEntity>find("id > :after order by id",
                Parameters.with("after", afterId == null ? "" : afterId)).range(0, limit - 1).list().stream()
                .map(TenantEntity::tenant).toList();
    }
}
