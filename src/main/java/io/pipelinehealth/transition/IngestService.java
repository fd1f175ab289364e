package io.pipelinehealth.transition;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.handoff.ImplicitReturns;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.visit.VisitRefresher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Stores a batch of transition events atomically (DOMAIN rules 1 and 2): all new events are
 * stored and the visits of every touched opportunity re-derived, or nothing changes.
 */
@ApplicationScoped
public class IngestService {

    public static final int MAX_BATCH = 10_000;

    private final TenantResolver tenants;
    private final Clock clock;
    private final PipelineService pipelines;
    private final TransitionStore store;
    private final VisitRefresher refresher;
    private final ImplicitReturns implicitReturns;
    private final Counter stored;
    private final Counter duplicates;

    IngestService(TenantResolver tenants, Clock clock, PipelineService pipelines, TransitionStore store,
            VisitRefresher refresher, ImplicitReturns implicitReturns, MeterRegistry metrics) {
        this.tenants = tenants;
        this.clock = clock;
        this.pipelines = pipelines;
        this.store = store;
        this.refresher = refresher;
        this.implicitReturns = implicitReturns;
        this.stored = Counter.builder("pipeline_health.transitions.stored")
                .description("Transition events stored").register(metrics);
        this.duplicates = Counter.builder("pipeline_health.transitions.duplicates")
                .description("Transition events received again with the same content").register(metrics);
    }

    /** The readers stop at the first event past the limit and answer this. */
    public static ApiException tooLarge() {
        return ApiException.tooLarge("batch-too-large", "Batch too large",
                "more than " + MAX_BATCH + " events in one batch; send at most " + MAX_BATCH + " per request");
    }

    @Transactional
    public IngestResult ingest(List<TransitionInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw ApiException.unprocessable("empty-batch", "Empty batch", "send 1 to " + MAX_BATCH + " events", List.of());
        }
        if (inputs.size() > MAX_BATCH) {
            throw tooLarge();
        }
        String tenant = tenants.currentTenant();
        Map<String, Optional<Pipeline>> pipelineCache = new HashMap<>();
        TransitionParser parser = new TransitionParser(clock.instant(),
                id -> pipelineCache.computeIfAbsent(id, pipelines::findForDerivation));
        List<TransitionEvent> events = parser.parse(inputs);
        if (!parser.errors().isEmpty()) {
            throw ApiException.unprocessable("invalid-events", "Invalid events",
                    parser.errors().size() + " problem(s) in the batch; nothing was stored", parser.errors());
        }

        Batch batch = new Batch(inputs, events);
        Map<String, String> storedPipeline = store.lockOpportunities(tenant, batch.pipelineByOpportunity());
        batch.checkPipelines(storedPipeline);
        batch.checkAgainstStored(store.find(tenant, batch.unique.keySet()));
        batch.failOnConflicts();

        Set<String> inserted = store.insert(tenant, List.copyOf(batch.unique.values()));
        if (inserted.size() < batch.unique.size()) {
            // another transaction stored some of these ids after our check: judge them again
            Map<String, TransitionEvent> raced = new HashMap<>(batch.unique);
            raced.keySet().removeAll(inserted);
            batch.checkAgainstStored(store.find(tenant, raced.keySet()));
            batch.failOnConflicts();
        }

        Map<String, Set<String>> touched = new TreeMap<>();
        batch.unique.values().stream().filter(e -> inserted.contains(e.eventId()))
                .forEach(e -> touched.computeIfAbsent(e.pipelineId(), p -> new TreeSet<>()).add(e.opportunityId()));
        touched.forEach((pipelineId, opportunities) -> {
            Map<String, Instant> nurturing = implicitReturns.nurturing(tenant, pipelineId, opportunities);
            refresher.refresh(tenant, pipelineCache.get(pipelineId).orElseThrow(), opportunities);
            implicitReturns.announce(tenant, pipelineId, nurturing);
        });
        stored.increment(inserted.size());
        duplicates.increment(inputs.size() - inserted.size());
        return new IngestResult(inputs.size(), inserted.size(), inputs.size() - inserted.size());
    }

    /** The events of one request with their positions in it, for error reports. */
    private static final class Batch {
        final List<TransitionInput> inputs;
        final Map<String, TransitionEvent> unique = new LinkedHashMap<>();
        final Map<String, Integer> indexOf = new HashMap<>();
        final List<FieldError> conflicts = new ArrayList<>();

        Batch(List<TransitionInput> inputs, List<TransitionEvent> events) {
            this.inputs = inputs;
            int position = 0;
            for (TransitionEvent event : events) {
                int index = indexOfEvent(event, position);
                position = index + 1;
                TransitionEvent earlier = unique.putIfAbsent(event.eventId(), event);
                if (earlier == null) {
                    indexOf.put(event.eventId(), index);
                } else if (!earlier.sameContentAs(event)) {
                    conflicts.add(new FieldError(index, event.eventId(), "eventId", "same eventId as item "
                            + indexOf.get(event.eventId()) + " of this batch with different content"));
                }
            }
        }

        /** Parsed events keep the input order, so the next input with this eventId is the one. */
        private int indexOfEvent(TransitionEvent event, int from) {
            for (int i = from; i < inputs.size(); i++) {
                TransitionInput input = inputs.get(i);
                if (input != null && event.eventId().equals(input.eventId())) {
                    return i;
                }
            }
            throw new IllegalStateException("parsed event not found in its batch");
        }

        TreeMap<String, String> pipelineByOpportunity() {
            TreeMap<String, String> map = new TreeMap<>(io.pipelinehealth.common.CodePointOrder.INSTANCE);
            unique.values().forEach(e -> map.put(e.opportunityId(), e.pipelineId()));
            return map;
        }

        void checkPipelines(Map<String, String> storedPipeline) {
            unique.values().forEach(event -> {
                String stored = storedPipeline.get(event.opportunityId());
                if (stored != null && !stored.equals(event.pipelineId())) {
                    conflicts.add(new FieldError(indexOf.get(event.eventId()), event.eventId(), "pipelineId",
                            "opportunity '" + event.opportunityId() + "' belongs to pipeline '" + stored + "'"));
                }
            });
        }

        /** Rule 2: stored with the same content is a no-op; with other content, a conflict. */
        void checkAgainstStored(Map<String, TransitionEvent> stored) {
            stored.forEach((eventId, existing) -> {
                TransitionEvent sent = unique.get(eventId);
                if (existing.sameContentAs(sent)) {
                    unique.remove(eventId);
                } else {
                    conflicts.add(new FieldError(indexOf.get(eventId), eventId, "eventId",
                            "eventId is already stored with different content; event ids are immutable"));
                }
            });
        }

        void failOnConflicts() {
            if (!conflicts.isEmpty()) {
                throw ApiException.conflict("conflicting-events", "Conflicting events",
                        conflicts.size() + " event(s) conflict with stored data or with each other; nothing was stored",
                        conflicts);
            }
        }
    }
}
