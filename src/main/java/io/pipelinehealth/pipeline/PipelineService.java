package io.pipelinehealth.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.db.AfterTransaction;
import io.pipelinehealth.identity.AuditLog;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.TreeSet;

@ApplicationScoped
public class PipelineService {

    @Inject TenantResolver tenants;
    @Inject ObjectMapper json;
    @Inject Clock clock;
    @Inject DerivedVisits visits;
    @Inject Cursors cursors;
    @Inject AuditLog audit;
    @Inject PipelineStore store;
    @Inject PipelineCache cache;
    @Inject TransactionSynchronizationRegistry transactions;

    /** The outcome of a PUT: whether it created the pipeline. */
    public record Saved(PipelineView view, boolean created) {
    }

    /** The definition, from the cache when it is fresh (see {@link PipelineCache} for the bound). */
    public Optional<Pipeline> find(String pipelineId) {
        String tenant = tenants.currentTenant();
        Pipeline cached = cache.fresh(tenant, pipelineId);
        return cached != null ? Optional.of(cached) : load(tenant, pipelineId, store::find);
    }

    /**
     * The definition as of a row version the caller read with its own data (exact on every replica):
     * the cached parse when it is of that version, else the stored row.
     */
    public Optional<Pipeline> find(String pipelineId, String version) {
        String tenant = tenants.currentTenant();
        Pipeline cached = cache.ofVersion(tenant, pipelineId, version);
        return cached != null ? Optional.of(cached) : load(tenant, pipelineId, store::find);
    }

    /** For writers of derived rows: holds a share lock so the definition cannot change under them. */
    public Optional<Pipeline> findForDerivation(String pipelineId) {
        return findForDerivation(tenants.currentTenant(), pipelineId);
    }

    /** The same, for work that is not a request of the current tenant (scheduled scans). */
    public Optional<Pipeline> findForDerivation(String tenantId, String pipelineId) {
        return load(tenantId, pipelineId, store::findShared);
    }

    public Optional<PipelineView> view(String pipelineId) {
        return store.find(tenants.currentTenant(), pipelineId).map(this::view);
    }

    public Page<PipelineView> list(PageRequest request) {
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        String after = paging.after() == null ? null : paging.after().string(0);
        List<PipelineStore.Row> rows = store.page(tenants.currentTenant(), after, limit + 1);
        return paging.page(rows.stream().map(this::view).toList(), pipeline -> List.of(pipeline.id()));
    }

    /** For every endpoint that names a pipeline: an unknown id is a 404, never an empty answer. */
    public Pipeline require(String pipelineId) {
        return find(pipelineId).orElseThrow(() -> ApiException.notFound("pipeline", pipelineId));
    }

    /** A list's optional pipelineId filter: an unknown id is a 404; none (absent or empty) filters nothing. */
    public void requireIfNamed(String pipelineId) {
        if (pipelineId != null && !pipelineId.isEmpty()) {
            require(pipelineId);
        }
    }

    /**
     * Creates or replaces a pipeline. A replacement may not drop stages that stored events or
     * hand-offs use; it re-derives every visit of the pipeline so figures follow the new
     * definition (events themselves are never rewritten).
     */
    @Transactional
    @TransactionConfiguration(timeout = 3600) // re-deriving a large pipeline outlasts the 60 s default
    public Saved put(String pipelineId, PipelineDocument document) {
        String tenant = tenants.currentTenant();
        Pipeline pipeline = PipelineParser.parse(pipelineId, document);
        Instant now = clock.instant();
        evictWhenDone(tenant, pipelineId);
        // Insert first: of two concurrent first PUTs one inserts (201), the other waits on the key,
        // then finds the row and replaces it (200); neither sees a primary-key violation.
        if (store.insertIfAbsent(tenant, pipelineId, pipeline.name(), write(document), now)) {
            audit.record("pipeline.create", pipelineId);
            return new Saved(view(store.find(tenant, pipelineId).orElseThrow()), true);
        }
        store.findForUpdate(tenant, pipelineId).orElseThrow();
        Set<String> missing = new TreeSet<>(visits.stagesInUse(tenant, pipelineId));
        pipeline.stages().forEach(stage -> missing.remove(stage.key()));
        if (!missing.isEmpty()) {
            throw ApiException.conflict("stage-in-use", "Stage still in use",
                    "the new definition removes stage(s) " + missing + " that stored events use; keep them", List.of());
        }
        store.replace(tenant, pipelineId, pipeline.name(), write(document), now);
        audit.record("pipeline.replace", pipelineId);
        visits.rederive(tenant, pipeline);
        return new Saved(view(store.find(tenant, pipelineId).orElseThrow()), false);
    }

    /**
     * The cached definition goes now and again when the transaction ends: a read that loaded the
     * old row meanwhile is dropped too, so the next request on this replica sees the new one.
     */
    private void evictWhenDone(String tenant, String pipelineId) {
        cache.evict(tenant, pipelineId);
        AfterTransaction.run(transactions, status -> cache.evict(tenant, pipelineId));
    }

    /** Reads the row (with {@code read}'s lock) and answers the cached parse of its version, or parses it. */
    private Optional<Pipeline> load(String tenant, String pipelineId,
            BiFunction<String, String, Optional<PipelineStore.Row>> read) {
        long generation = cache.generation();
        return read.apply(tenant, pipelineId).map(row -> {
            Pipeline cached = cache.ofVersion(tenant, pipelineId, row.version());
            Pipeline current = cached != null ? cached : pipeline(row);
            // put even when cached: the row was just read, so the entry is fresh again for TTL readers,
            // who would otherwise read the row on every request once the entry aged past the TTL
            cache.put(tenant, pipelineId, current, row.version(), generation);
            return current;
        });
    }

    private Pipeline pipeline(PipelineStore.Row row) {
        return PipelineParser.parse(row.pipelineId(), read(row.definition()));
    }

    private PipelineView view(PipelineStore.Row row) {
        PipelineDocument document = read(row.definition());
        return PipelineView.of(row, document, PipelineParser.parse(row.pipelineId(), document));
    }

    private PipelineDocument read(String definition) {
        try {
            return json.readValue(definition, PipelineDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored pipeline definition is unreadable", e);
        }
    }

    private String write(PipelineDocument document) {
        try {
            return json.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
