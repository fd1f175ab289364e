package io.pipelinehealth.common;

import io.pipelinehealth.db.NamedSql;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The tenants background work visits, one by one under row-level security: the rows of the
 * {@code tenant} table, which has no row-level security (every tenant is created there, V4 and
 * V9). A round costs one small query per tenant.
 */
@ApplicationScoped
public class TenantDirectory {

    @Inject AgroalDataSource dataSource;

    public List<String> tenants() {
        return new NamedSql("select tenant_id from tenant order by tenant_id").strings(dataSource);
    }

    /** Runs the work once per tenant with that tenant set ({@link TenantContext}); answers the sum of its counts. */
    public int forEachTenant(ToIntFunction<String> work) {
        return forEach(tenants(), work);
    }

    /** The same over the given tenants. */
    public static int forEach(Collection<String> tenants, ToIntFunction<String> work) {
        int total = 0;
        for (String tenant : tenants) {
            total += TenantContext.call(tenant, () -> work.applyAsInt(tenant));
        }
        return total;
    }
}
