package io.pipelinehealth.transition;

import io.pipelinehealth.handoff.ImplicitReturns;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.HistoryStore;
import io.pipelinehealth.visit.VisitRefresher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Derives the visits of opportunities whose events are stored, in the caller's transaction. It is
 * the only writer that needs the opportunities' row locks, and it takes them only for itself:
 * batches storing events never wait for each other's derivation, only a derivation of the same
 * opportunity does, and only while that derivation runs.
 */
@ApplicationScoped
public class Derivation {

    @Inject PipelineService pipelines;
    @Inject TransitionStore store;
    @Inject HistoryStore history;
    @Inject VisitRefresher refresher;
    @Inject ImplicitReturns implicitReturns;

    /**
     * Derives the opportunities (with their pipelines) that have pending records, and those whose
     * events this same transaction stored without one ({@code ownChanges}: earliest instant each).
     * Opportunities whose records another derivation claimed first are done already and skipped.
     * Waits for opportunities another transaction holds. Answers how many opportunities it derived.
     */
    public int derive(String tenantId, Map<String, String> pipelineOf, Map<String, Instant> ownChanges) {
        return derive(tenantId, pipelineOf, ownChanges, Map.of());
    }

    /** The same, with pipelines this transaction has already read under their share locks. */
    public int derive(String tenantId, Map<String, String> pipelineOf, Map<String, Instant> ownChanges,
            Map<String, Pipeline> sharedAlready) {
        return run(tenantId, pipelineOf, ownChanges, sharedAlready, false).derived;
    }

    /**
     * Derives the pending opportunities that no other transaction holds, without waiting; answers
     * the others (with their pipelines), for a second transaction that waits for them. So a batch
     * sharing one opportunity with a batch being derived waits for that one only, and only after
     * deriving all of its own: no chain of batches each waiting for the previous one's derivation.
     */
    public Map<String, String> deriveAvailable(String tenantId, Map<String, String> pipelineOf) {
        return run(tenantId, pipelineOf, Map.of(), Map.of(), true).held;
    }

    /**
     * The backlog's claim: derives the pending opportunities no other transaction holds (their row
     * locks taken with skip locked) and answers how many it derived and which others held.
     */
    Outcome deriveUnheld(String tenantId, Map<String, String> pipelineOf) {
        return run(tenantId, pipelineOf, Map.of(), Map.of(), true);
    }

    record Outcome(int derived, Map<String, String> held) {
    }

    private Outcome run(String tenantId, Map<String, String> pipelineOf, Map<String, Instant> ownChanges,
            Map<String, Pipeline> sharedAlready, boolean skipLocked) {
        if (pipelineOf.isEmpty()) {
            return new Outcome(0, Map.of());
        }
        // the pipelines' share locks first, then the opportunities' row locks in id order: the order
        // of pipeline replacement and hand-offs, so none of them can deadlock with another
        Map<String, Pipeline> definitions = new TreeMap<>();
        new TreeSet<>(pipelineOf.values()).forEach(id -> definitions.put(id, sharedAlready.containsKey(id)
                ? sharedAlready.get(id) : pipelines.findForDerivation(tenantId, id).orElseThrow()));
        Set<String> locked = store.lockForDerivation(tenantId, pipelineOf.keySet(), skipLocked);
        Map<String, String> held = new HashMap<>();
        if (skipLocked) {
            pipelineOf.forEach((id, pipeline) -> {
                if (!locked.contains(id)) {
                    held.put(id, pipeline);
                }
            });
        }
        Set<String> mine = skipLocked ? locked : pipelineOf.keySet();
        if (mine.isEmpty()) {
            return new Outcome(0, held);
        }
        HistoryStore.Claimed claimed = history.claim(tenantId, mine);
        Map<String, Instant> changedFrom = new HashMap<>(claimed.changedFrom());
        ownChanges.forEach((id, at) -> changedFrom.merge(id, at, (a, b) -> a.isBefore(b) ? a : b));

        Map<String, Map<String, Instant>> byPipeline = new TreeMap<>();
        changedFrom.forEach((id, from) ->
                byPipeline.computeIfAbsent(pipelineOf.get(id), p -> new TreeMap<>()).put(id, from));
        byPipeline.forEach((pipelineId, from) -> {
            Map<String, Instant> nurturing = implicitReturns.nurturing(tenantId, pipelineId, from.keySet());
            refresher.write(tenantId, definitions.get(pipelineId), from, claimed.steps());
            implicitReturns.announce(tenantId, pipelineId, nurturing);
        });
        return new Outcome(changedFrom.size(), held);
    }
}
