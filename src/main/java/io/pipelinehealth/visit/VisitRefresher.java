package io.pipelinehealth.visit;

import io.pipelinehealth.pipeline.Pipeline;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-derives the stored positions of opportunities from their history. Callers hold the
 * opportunities' row locks, so the history read cannot change meanwhile (events of other batches
 * may still arrive: each leaves a pending-derivation record that its own derivation claims).
 * <p>
 * The whole history is replayed in memory (VisitDeriver is cheap), but only the changed tail is
 * written: a position that ended before the earliest changed step depends only on steps before
 * it (the deriver's prefix property), so it is stored already and stays. With in-order arrival
 * that is the open position and what follows it, instead of every row of the opportunity.
 */
@ApplicationScoped
public class VisitRefresher {

    private static final int CHUNK = 2_000;

    @Inject HistoryStore history;
    @Inject VisitStore visits;

    /** Re-derives every position of the opportunities (a hand-off, a replaced pipeline). */
    public void refresh(String tenantId, Pipeline pipeline, Collection<String> opportunityIds) {
        if (opportunityIds.isEmpty()) {
            return;
        }
        Map<String, List<Step>> steps = history.steps(tenantId, opportunityIds, null);
        Map<String, Instant> fromStart = new LinkedHashMap<>();
        opportunityIds.forEach(id -> fromStart.put(id, null));
        write(tenantId, pipeline, fromStart, steps);
    }

    /**
     * Re-derives the opportunities from the given instants on (null: from the start), with their
     * history already read under their locks.
     */
    public void write(String tenantId, Pipeline pipeline, Map<String, Instant> changedFrom,
            Map<String, List<Step>> steps) {
        Map<String, PositionTail> tails = new LinkedHashMap<>();
        Map<String, OpportunitySnapshot> snapshots = new LinkedHashMap<>();
        changedFrom.forEach((opportunityId, from) -> {
            List<Step> history = steps.getOrDefault(opportunityId, List.of());
            List<Position> positions = VisitDeriver.derive(pipeline, history);
            int keep = from == null ? 0 : unchangedBefore(positions, from);
            // keys over the whole history: a key counts the earlier positions with its stage and entry
            List<String> keys = VisitKeys.of(opportunityId, positions);
            tails.put(opportunityId, new PositionTail(keep, positions.subList(keep, positions.size()),
                    keys.subList(keep, keys.size())));
            snapshots.put(opportunityId, snapshot(positions, history));
        });
        visits.replaceTails(tenantId, pipeline.id(), tails, snapshots);
    }

    /** How many leading positions ended strictly before {@code from}: steps at or after it cannot change them. */
    static int unchangedBefore(List<Position> positions, Instant from) {
        int keep = 0;
        while (keep < positions.size() && positions.get(keep).leftAt() != null
                && positions.get(keep).leftAt().isBefore(from)) {
            keep++;
        }
        return keep;
    }

    private static OpportunitySnapshot snapshot(List<Position> positions, List<Step> history) {
        Instant knownAt = history.stream().filter(Step.Event.class::isInstance).map(Step::at)
                .max(Instant::compareTo).orElse(null);
        if (positions.isEmpty()) {
            return new OpportunitySnapshot(null, null, Map.of(), knownAt);
        }
        Position last = positions.get(positions.size() - 1);
        return new OpportunitySnapshot(last.amount(), last.currency(), last.attributes(), knownAt);
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
