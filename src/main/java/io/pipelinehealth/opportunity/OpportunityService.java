package io.pipelinehealth.opportunity;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.handoff.HandoffStore;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.HistoryStore;
import io.pipelinehealth.visit.Position;
import io.pipelinehealth.visit.Step;
import io.pipelinehealth.visit.VisitDeriver;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

@ApplicationScoped
public class OpportunityService {

    private final TenantResolver tenants;
    private final PipelineService pipelines;
    private final HistoryStore history;
    private final OpportunityQueries queries;
    private final HandoffStore handoffs;

    OpportunityService(TenantResolver tenants, PipelineService pipelines, HistoryStore history, OpportunityQueries queries,
            HandoffStore handoffs) {
        this.handoffs = handoffs;
        this.tenants = tenants;
        this.pipelines = pipelines;
        this.history = history;
        this.queries = queries;
    }

    /** Derived from the history up to asOf, with the same code that writes the stored visits. */
    public OpportunityView view(String opportunityId, Instant asOf) {
        String tenant = tenants.currentTenant();
        String pipelineId = queries.pipelineOf(tenant, opportunityId)
                .orElseThrow(() -> ApiException.notFound("opportunity", opportunityId));
        List<Step> steps = history.steps(tenant, Set.of(opportunityId), asOf).getOrDefault(opportunityId, List.of());
        Pipeline pipeline = pipelines.find(pipelineId).orElseThrow();
        List<Position> positions = VisitDeriver.derive(pipeline, steps);
        if (positions.isEmpty()) {
            throw new ApiException(404, "not-found", "opportunity not found",
                    "opportunity '" + opportunityId + "' has no events at or before " + asOf);
        }
        List<OpportunityView.HandoffRow> handoffRows = handoffs.ofOpportunity(tenant, opportunityId, asOf).stream()
                .map(h -> new OpportunityView.HandoffRow(h.handoffId(), h.direction().name(), h.at(), h.reason(),
                        h.by(), h.stage(), h.ownerId(), h.automatic()))
                .toList();
        return OpportunityViewBuilder.build(opportunityId, pipeline, positions, asOf, handoffRows);
    }
}
