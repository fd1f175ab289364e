package io.pipelinehealth.opportunity;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.Position;
import io.pipelinehealth.visit.VisitDeriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class OpportunityService {

    @Inject TenantResolver tenants;
    @Inject PipelineService pipelines;
    @Inject OpportunityHistory history;

    /**
     * Derived from the history up to asOf, with the same code that writes the stored visits. One
     * statement reads the history; the definition comes from the cache when its version matches.
     */
    public OpportunityView view(String opportunityId, Instant asOf) {
        String tenant = tenants.currentTenant();
        OpportunityHistory.Loaded loaded = history.load(tenant, opportunityId, asOf)
                .orElseThrow(() -> ApiException.notFound("opportunity", opportunityId));
        Pipeline pipeline = pipelines.find(loaded.pipelineId(), loaded.pipelineVersion()).orElseThrow();
        List<Position> positions = VisitDeriver.derive(pipeline, loaded.steps());
        if (positions.isEmpty()) {
            throw new ApiException(404, "not-found", "opportunity not found",
                    "opportunity '" + opportunityId + "' has no events at or before " + asOf);
        }
        return OpportunityViewBuilder.build(opportunityId, pipeline, positions, asOf, loaded.handoffs());
    }
}
