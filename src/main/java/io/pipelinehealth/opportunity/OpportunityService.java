package io.pipelinehealth.opportunity;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.Position;
import io.pipelinehealth.visit.VisitDeriver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

@ApplicationScoped
public class OpportunityService {

    private final TenantResolver tenants;
    private final PipelineService pipelines;
    private final OpportunityHistory history;

    OpportunityService(TenantResolver tenants, PipelineService pipelines, OpportunityHistory history) {
        this.tenants = tenants;
        this.pipelines = pipelines;
        this.history = history;
    }

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
