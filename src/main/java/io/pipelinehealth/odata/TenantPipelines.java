package io.pipelinehealth.odata;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The ids of the tenant's first 1,000 pipelines in id order: the Pipelines and RepStageRows sets (tenants have a handful). */
@ApplicationScoped
class TenantPipelines {

    static final int MAX = 1_000;

    @Inject AgroalDataSource dataSource;
    @Inject TenantResolver tenants;

    List<String> ids() {
        return new NamedSql("""
                select pipeline_id from pipeline where tenant_id = :tenant order by pipeline_id limit :max
                """).set("tenant", tenants.currentTenant()).set("max", MAX).strings(dataSource);
    }
}
