package io.pipelinehealth.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.identity.AuditLog;
import io.pipelinehealth.visit.VisitRefresher;
import io.pipelinehealth.visit.VisitStore;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

@ApplicationScoped
public class PipelineService {

    private final TenantResolver tenants;
    private final ObjectMapper json;
    private final Clock clock;
    private final VisitStore visits;
    private final VisitRefresher refresher;
    private final Cursors cursors;

    private final AuditLog audit;

    PipelineService(TenantResolver tenants, ObjectMapper json, Clock clock, VisitStore visits, VisitRefresher refresher,
            Cursors cursors, AuditLog audit) {
        this.cursors = cursors;
        this.audit = audit;
        this.tenants = tenants;
        this.json = json;
        this.clock = clock;
        this.visits = visits;
        this.refresher = refresher;
    }

    /** The outcome of a PUT: whether it created the pipeline. */
    public record Saved(PipelineView view, boolean created) {
    }

    public Optional<Pipeline> find(String pipelineId) {
        return PipelineEntity.find(tenants.currentTenant(), pipelineId).map(this::pipeline);
    }

    /** For writers of derived rows: holds a share lock so the definition cannot change under them. */
    public Optional<Pipeline> findForDerivation(String pipelineId) {
        return PipelineEntity.findShared(tenants.currentTenant(), pipelineId).map(this::pipeline);
    }

    /** The same, for work that is not a request of the current tenant (scheduled scans). */
    public Optional<Pipeline> findForDerivation(String tenantId, String pipelineId) {
        return PipelineEntity.findShared(tenantId, pipelineId).map(this::pipeline);
    }

    public Optional<PipelineView> view(String pipelineId) {
        return PipelineEntity.find(tenants.currentTenant(), pipelineId).map(this::view);
    }

    public Page<PipelineView> list(PageRequest request) {
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        String after = paging.after() == null ? null : paging.after().string(0);
        List<PipelineEntity> entities = PipelineEntity.page(tenants.currentTenant(), after, limit + 1);
        boolean more = entities.size() > limit;
        List<PipelineView> items = entities.stream().limit(limit).map(this::view).toList();
        return new Page<>(items, more ? paging.next(items.get(items.size() - 1).id()) : null);
    }

    /** For every endpoint that names a pipeline: an unknown id is a 404, never an empty answer. */
    public Pipeline require(String pipelineId) {
        return find(pipelineId).orElseThrow(() -> ApiException.notFound("pipeline", pipelineId));
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
        // Insert first: of two concurrent first PUTs one inserts (201), the other waits on the key,
        // then finds the row and replaces it (200); neither sees a primary-key violation.
        if (PipelineEntity.insertIfAbsent(tenant, pipelineId, pipeline.name(), write(document), now)) {
            audit.record("pipeline.create", pipelineId);
            return new Saved(view(PipelineEntity.find(tenant, pipelineId).orElseThrow()), true);
        }
        PipelineEntity entity = PipelineEntity.findForUpdate(tenant, pipelineId).orElseThrow();
        Set<String> missing = new TreeSet<>(visits.stagesInUse(tenant, pipelineId));
        pipeline.stages().forEach(stage -> missing.remove(stage.key()));
        if (!missing.isEmpty()) {
            throw ApiException.conflict("stage-in-use", "Stage still in use",
                    "the new definition removes stage(s) " + missing + " that stored events use; keep them", List.of());
        }
        entity.name = pipeline.name();
        entity.definition = write(document);
        entity.updatedAt = now;
        PipelineEntity.flush();
        audit.record("pipeline.replace", pipelineId);
        refresher.refreshPipeline(tenant, pipeline);
        return new Saved(view(entity), false);
    }

    private Pipeline pipeline(PipelineEntity entity) {
        return PipelineParser.parse(entity.pipelineId, read(entity.definition));
    }

    private PipelineView view(PipelineEntity entity) {
        PipelineDocument document = read(entity.definition);
        return PipelineView.of(entity, document, PipelineParser.parse(entity.pipelineId, document));
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
