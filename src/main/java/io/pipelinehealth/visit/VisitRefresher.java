package io.pipelinehealth.visit;

import io.pipelinehealth.pipeline.Pipeline;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-derives the stored positions of opportunities from their whole history. Callers hold the
 * opportunities' row locks, so the history read here is complete and cannot change meanwhile.
 */
@ApplicationScoped
public class VisitRefresher {

    private static final int CHUNK = 2_000;

    private final HistoryStore history;
    private final VisitStore visits;

    VisitRefresher(HistoryStore history, VisitStore visits) {
        this.history = history;
        this.visits = visits;
    }

    public void refresh(String tenantId, Pipeline pipeline, Collection<String> opportunityIds) {
        if (opportunityIds.isEmpty()) {
            return;
        }
        Map<String, List<Step>> steps = history.steps(tenantId, opportunityIds, null);
        Map<String, List<Position>> positions = new LinkedHashMap<>();
        for (String opportunityId : opportunityIds) {
            positions.put(opportunityId, VisitDeriver.derive(pipeline, steps.getOrDefault(opportunityId, List.of())));
        }
        visits.replace(tenantId, pipeline.id(), positions);
    }

    /** After a pipeline is replaced: every figure follows the current definition. */
    public void refreshPipeline(String tenantId, Pipeline pipeline) {
        String after = "";
        List<String> chunk;
        do {
            chunk = visits.lockOpportunities(tenantId, pipeline.id(), after, CHUNK);
            refresh(tenantId, pipeline, chunk);
            after = chunk.isEmpty() ? after : chunk.get(chunk.size() - 1);
        } while (chunk.size() == CHUNK);
    }
}
