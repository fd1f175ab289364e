package io.pipelinehealth.transition;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import io.quarkus.narayana.jta.QuarkusTransaction;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Stores a batch of transition events atomically (DOMAIN rules 1 and 2): all new events are
 * stored, or nothing changes. Small batches (single events) derive their visits in the same
 * transaction: one commit. Larger ones commit their events with a durable record of what is left
 * to derive, then derive in a second transaction that alone takes the opportunities' row locks,
 * so concurrent batches sharing an opportunity wait only for each other's derivation. Either way
 * the answer comes when events and visits are durable, unless the caller asked for the
 * asynchronous mode: then it comes once the events are, and {@link DerivationBacklog} derives.
 * Concurrent small requests of a tenant share one transaction ({@link GroupCommit}): each still
 * stores all of its events or none, since a group that fails is stored again request by request.
 */
@ApplicationScoped
public class IngestService {

    public static final int MAX_BATCH = 10_000;

    private static final Logger LOG = Logger.getLogger(IngestService.class);

    private final TenantResolver tenants;
    private final Clock clock;
    private final PipelineService pipelines;
    private final TransitionStore store;
    private final Derivation derivation;
    private final int inlineMaxEvents;
    private final Counter stored;
    private final Counter duplicates;
    private final Optional<GroupCommit<List<TransitionInput>, IngestResult>> groups;

    IngestService(TenantResolver tenants, Clock clock, PipelineService pipelines, TransitionStore store,
            Derivation derivation, MeterRegistry metrics,
            @ConfigProperty(name = "pipeline-health.ingest.inline-max-events") int inlineMaxEvents,
            @ConfigProperty(name = "pipeline-health.ingest.group-commit.enabled") boolean groupCommit,
            @ConfigProperty(name = "pipeline-health.ingest.group-commit.max-events") int groupMaxEvents,
            @ConfigProperty(name = "pipeline-health.ingest.group-commit.concurrency") int groupConcurrency,
            @ConfigProperty(name = "pipeline-health.ingest.group-commit.window") Duration groupWindow) {
        this.tenants = tenants;
        this.clock = clock;
        this.pipelines = pipelines;
        this.store = store;
        this.derivation = derivation;
        this.inlineMaxEvents = inlineMaxEvents;
        this.stored = Counter.builder("pipeline_health.transitions.stored")
                .description("Transition events stored").register(metrics);
        this.duplicates = Counter.builder("pipeline_health.transitions.duplicates")
                .description("Transition events received again with the same content").register(metrics);
        DistributionSummary groupSize = DistributionSummary.builder("pipeline_health.ingest.group.requests")
                .description("Requests per group-commit transaction").register(metrics);
        Counter fallbacks = Counter.builder("pipeline_health.ingest.group.fallbacks")
                .description("Group-commit transactions that failed, their requests then stored one by one")
                .register(metrics);
        this.groups = !groupCommit ? Optional.empty() : Optional.of(new GroupCommit<>(groupMaxEvents, groupConcurrency,
                groupWindow, this::storeTogether, new GroupCommit.Observer() {
                    @Override
                    public void grouped(int requests) {
                        groupSize.record(requests);
                    }

                    @Override
                    public void fellBack(int requests, RuntimeException cause) {
                        fallbacks.increment();
                        LOG.debugf("a group of %d requests failed (%s); storing them one by one", requests, cause);
                    }
                }));
    }

    /** The readers stop at the first event past the limit and answer this. */
    public static ApiException tooLarge() {
        return ApiException.tooLarge("batch-too-large", "Batch too large",
                "more than " + MAX_BATCH + " events in one batch; send at most " + MAX_BATCH + " per request");
    }

    public IngestResult ingest(List<TransitionInput> inputs) {
        return ingest(inputs, false);
    }

    /** With {@code async}, answers once the events are durable and leaves their derivation to the backlog. */
    public IngestResult ingest(List<TransitionInput> inputs, boolean async) {
        check(inputs);
        String tenant = tenants.currentTenant();
        boolean inline = !async && inputs.size() <= inlineMaxEvents;
        if (inline && groups.isPresent() && looksValid(inputs)) {
            Optional<IngestResult> grouped = groups.get().submit(tenant, inputs, inputs.size());
            if (grouped.isPresent()) {
                count(grouped.get());
                return grouped.get();
            }
        }
        Stored result = QuarkusTransaction.requiringNew().call(() -> store(tenant, inputs, inline));
        if (!inline && !async) {
            deriveCommitted(tenant, result.pipelineOf());
        }
        return count(result(inputs, result));
    }

    /**
     * What {@link #ingestJoined} stored in the caller's transaction: its answer, and the
     * opportunities left to derive once that transaction has committed (none for a small batch).
     */
    public record Joined(IngestResult result, String tenant, Map<String, String> toDerive) {
    }

    /**
     * For a caller that owns the transaction (connector ingestion): the events are stored in it, on
     * its connection, so they commit or roll back with whatever else the caller writes there (its
     * log, HubSpot's deal properties). A small batch is derived in it too; a larger one is recorded
     * as pending, and {@link #finish} derives it after the commit (or the backlog does). No group
     * commit: the caller's transaction is its own.
     */
    @Transactional(Transactional.TxType.MANDATORY) // the caller's transaction, or a failure
    public Joined ingestJoined(List<TransitionInput> inputs) {
        check(inputs);
        String tenant = tenants.currentTenant();
        boolean inline = inputs.size() <= inlineMaxEvents;
        Stored result = store(tenant, inputs, inline);
        return new Joined(result(inputs, result), tenant, inline ? Map.of() : result.pipelineOf());
    }

    /** Call after the transaction of {@link #ingestJoined} committed: derives what it left pending. */
    public IngestResult finish(Joined joined) {
        if (!joined.toDerive().isEmpty()) {
            deriveCommitted(joined.tenant(), joined.toDerive());
        }
        return count(joined.result());
    }

    private static IngestResult result(List<TransitionInput> inputs, Stored stored) {
        int storedCount = stored.inserted().eventIds().size();
        return new IngestResult(inputs.size(), storedCount, inputs.size() - storedCount);
    }

    /** The second step of a large batch, after its events committed with their pending records. */
    private void deriveCommitted(String tenant, Map<String, String> pipelineOf) {
        // every opportunity of the batch, not only those with new events: a retry of a batch whose
        // first attempt stored its events but failed to derive them finds their pending records
        Map<String, String> held = QuarkusTransaction.requiringNew()
                .call(() -> derivation.deriveAvailable(tenant, pipelineOf));
        if (!held.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> derivation.derive(tenant, held, Map.of()));
        }
    }

    private static void check(List<TransitionInput> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw ApiException.unprocessable("empty-batch", "Empty batch", "send 1 to " + MAX_BATCH + " events", List.of());
        }
        if (inputs.size() > MAX_BATCH) {
            throw tooLarge();
        }
    }

    private IngestResult count(IngestResult result) {
        stored.increment(result.stored());
        duplicates.increment(result.duplicates());
        return result;
    }

    /**
     * Whether the request would pass validation against the pipelines as cached: one that would not
     * is stored alone at once, to get its 422 without failing a group of neighbours. The group
     * validates again under the pipelines' share locks.
     */
    private boolean looksValid(List<TransitionInput> inputs) {
        TransitionParser parser = new TransitionParser(clock.instant(), pipelines::find);
        List<TransitionEvent> events = parser.parse(inputs);
        return parser.errors().isEmpty() && new Batch(inputs, events).conflicts.isEmpty();
    }

    /**
     * A group of requests in one transaction, stored and derived as one batch; each event stored is
     * credited to the first request of the group that carries it, the others count it a duplicate,
     * as they would had they come one after the other. Any failure rolls the whole group back.
     */
    private List<IngestResult> storeTogether(List<List<TransitionInput>> group) {
        String tenant = tenants.currentTenant();
        List<TransitionInput> all = new ArrayList<>();
        group.forEach(all::addAll);
        Stored together = QuarkusTransaction.requiringNew().call(() -> store(tenant, all, true));
        Set<String> credited = new HashSet<>();
        List<IngestResult> results = new ArrayList<>();
        for (List<TransitionInput> inputs : group) {
            int storedCount = 0;
            for (TransitionInput input : inputs) {
                if (together.inserted().eventIds().contains(input.eventId()) && credited.add(input.eventId())) {
                    storedCount++;
                }
            }
            results.add(new IngestResult(inputs.size(), storedCount, inputs.size() - storedCount));
        }
        return results;
    }

    /** The new events of a batch, and the pipeline of each opportunity the batch names. */
    private record Stored(TransitionStore.Inserted inserted, Map<String, String> pipelineOf) {
    }

    /** Stores the new events; derives them too when {@code inline}, else records them as pending. */
    private Stored store(String tenant, List<TransitionInput> inputs, boolean inline) {
        Map<String, Optional<Pipeline>> pipelineCache = new HashMap<>();
        TransitionParser parser = new TransitionParser(clock.instant(),
                id -> pipelineCache.computeIfAbsent(id, pipelines::findForDerivation));
        List<TransitionEvent> events = parser.parse(inputs);
        if (!parser.errors().isEmpty()) {
            throw ApiException.unprocessable("invalid-events", "Invalid events",
                    parser.errors().size() + " problem(s) in the batch; nothing was stored", parser.errors());
        }
        Batch batch = new Batch(inputs, events);
        Map<String, String> pipelineOf = new HashMap<>();
        batch.unique.values().forEach(e -> pipelineOf.put(e.opportunityId(), e.pipelineId()));
        store.stage(List.copyOf(batch.unique.values()));
        batch.checkPipelines(store.createOpportunities(tenant, pipelineOf.keySet()));
        batch.failOnConflicts();
        TransitionStore.Inserted inserted = store.insertStaged(tenant, !inline);
        if (inserted.eventIds().size() < batch.unique.size()) {
            // stored before, by an earlier request or a concurrent one: the same content is a duplicate
            Map<String, TransitionEvent> notInserted = new HashMap<>(batch.unique);
            notInserted.keySet().removeAll(inserted.eventIds());
            batch.checkAgainstStored(store.find(tenant, notInserted.keySet()));
            batch.failOnConflicts();
        }
        if (inline) {
            Map<String, Pipeline> shared = new HashMap<>();
            pipelineCache.forEach((id, pipeline) -> pipeline.ifPresent(p -> shared.put(id, p)));
            derivation.derive(tenant, pipelineOf, inserted.earliest(), shared);
        }
        return new Stored(inserted, pipelineOf);
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

        /** {@code storedPipeline}: the pipeline each opportunity of the batch is stored with. */
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
