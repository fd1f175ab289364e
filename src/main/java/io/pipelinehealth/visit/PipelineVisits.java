package io.pipelinehealth.visit;

import io.pipelinehealth.pipeline.DerivedVisits;
import io.pipelinehealth.pipeline.Pipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;

/** The visits of a pipeline whose definition is being replaced ({@link DerivedVisits}). */
@ApplicationScoped
public class PipelineVisits implements DerivedVisits {

    @Inject VisitStore visits;
    @Inject VisitRefresher refresher;

    @Override
    public Set<String> stagesInUse(String tenantId, String pipelineId) {
        return visits.stagesInUse(tenantId, pipelineId);
    }

    @Override
    public void rederive(String tenantId, Pipeline pipeline) {
        refresher.refreshPipeline(tenantId, pipeline);
    }
}
