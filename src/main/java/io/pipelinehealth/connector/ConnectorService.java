package io.pipelinehealth.connector;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Ids;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.common.Text;
import io.pipelinehealth.identity.AuditLog;
import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.pipeline.Stage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Connectors of the current tenant: made, replaced and deleted by admin keys, with audit entries. */
@ApplicationScoped
public class ConnectorService {

    static final int MAX_NAME = 200;
    static final int MAX_STAGES = 1000;
    static final int MAX_OWNERS = 10_000;
    static final int MAX_ATTRIBUTES = 100;
    static final int MAX_SECRET = 1000;
    static final String STATUS_WON = "status:won";
    static final String STATUS_LOST = "status:lost";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject TenantResolver tenants;
    @Inject ConnectorStore store;
    @Inject PipelineService pipelines;
    @Inject SecretBox secrets;
    @Inject AuditLog audit;
    @Inject Cursors cursors;
    @Inject Clock clock;

    @Transactional
    public Connector create(ConnectorRequest request) {
        check(request);
        String tenant = tenants.currentTenant();
        String id = "con_" + HexFormat.of().formatHex(randomBytes());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ConnectorStore.Stored stored = stored(tenant, id, request, now, now);
        store.insert(stored);
        audit.record("connector.create", id);
        return stored.view();
    }

    @Transactional
    public Connector replace(String id, ConnectorRequest request) {
        ConnectorStore.Stored existing = find(id);
        check(request);
        ConnectorStore.Stored stored = stored(existing.tenantId(), id, request, existing.createdAt(),
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        store.replace(stored);
        audit.record("connector.update", id);
        return stored.view();
    }

    @Transactional
    public void delete(String id) {
        if (!store.delete(tenants.currentTenant(), id)) {
            throw notFound(id);
        }
        audit.record("connector.delete", id);
    }

    public Connector get(String id) {
        return find(id).view();
    }

    public Page<Connector> list(PageRequest request) {
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        String after = paging.after() == null ? null : paging.after().string(0);
        List<ConnectorStore.Stored> rows = store.page(tenants.currentTenant(), after, limit + 1);
        return paging.page(rows.stream().map(ConnectorStore.Stored::view).toList(), c -> List.of(c.id()));
    }

    public Page<LogEntry> log(String id, PageRequest request) {
        find(id);
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        long before = paging.after() == null ? Long.MAX_VALUE : paging.after().number(0);
        List<LogEntry> rows = store.logPage(tenants.currentTenant(), id, before, limit + 1);
        return paging.page(rows, entry -> List.of(entry.id()));
    }

    private ConnectorStore.Stored find(String id) {
        return store.find(tenants.currentTenant(), id).orElseThrow(() -> notFound(id));
    }

    /** The same answer for an id that never existed, was deleted or is another tenant's. */
    static ApiException notFound(String id) {
        return ApiException.notFound("connector", id);
    }

    private ConnectorStore.Stored stored(String tenant, String id, ConnectorRequest r, Instant createdAt, Instant updatedAt) {
        byte[] sealed = r.kind() == ConnectorKind.HUBSPOT ? secrets.seal(tenant, id, r.secret()) : null;
        String hash = r.kind() == ConnectorKind.PIPEDRIVE ? BasicSecret.hash(r.secret()) : null;
        return new ConnectorStore.Stored(tenant, id, r.kind(), r.name(), List.copyOf(r.stages()),
                r.owners() == null ? Map.of() : new LinkedHashMap<>(r.owners()),
                r.attributes() == null ? Map.of() : new LinkedHashMap<>(r.attributes()), sealed, hash, createdAt,
                updatedAt);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Every problem of the request in one 422, as for the other resources. */
    private void check(ConnectorRequest r) {
        if (r == null) {
            throw ApiException.unprocessable("invalid-connector", "Invalid connector", "send a connector object",
                    List.of(FieldError.of("kind", "is required")));
        }
        List<FieldError> errors = new ArrayList<>();
        if (r.kind() == null) {
            errors.add(FieldError.of("kind", "is required: one of HUBSPOT, PIPEDRIVE, SALESFORCE_CSV"));
        }
        if (r.name() == null || r.name().isBlank()) {
            errors.add(FieldError.of("name", "is required and must not be blank"));
        } else if (Text.problem(r.name(), MAX_NAME) != null) {
            errors.add(FieldError.of("name", Text.problem(r.name(), MAX_NAME)));
        }
        checkStages(r.stages(), errors);
        checkMap("owners", r.owners(), MAX_OWNERS, errors);
        checkMap("attributes", r.attributes(), MAX_ATTRIBUTES, errors);
        checkSecret(r, errors);
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-connector", "Invalid connector",
                    errors.size() + " problem(s) in the connector", errors);
        }
    }

    private void checkStages(List<StageMapping> stages, List<FieldError> errors) {
        if (stages == null || stages.isEmpty()) {
            errors.add(FieldError.of("stages", "map at least one CRM stage to a stage of a pipeline"));
            return;
        }
        if (stages.size() > MAX_STAGES) {
            errors.add(FieldError.of("stages", "at most " + MAX_STAGES + " stage mappings"));
            return;
        }
        Map<String, Optional<Pipeline>> known = new HashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            StageMapping m = stages.get(i);
            String at = "stages[" + i + "]";
            if (m == null) {
                errors.add(FieldError.of(at, "must be an object, not null"));
                continue;
            }
            if (Ids.problem(m.crmStage()) != null) {
                errors.add(FieldError.of(at + ".crmStage", Ids.problem(m.crmStage())));
            }
            if (Ids.problem(m.stage()) != null) {
                errors.add(FieldError.of(at + ".stage", Ids.problem(m.stage())));
            }
            if (Ids.problem(m.pipelineId()) != null) {
                errors.add(FieldError.of(at + ".pipelineId", Ids.problem(m.pipelineId())));
                continue;
            }
            Optional<Pipeline> pipeline = known.computeIfAbsent(m.pipelineId(), pipelines::find);
            if (pipeline.isEmpty()) {
                errors.add(FieldError.of(at + ".pipelineId", "unknown pipeline " + Text.quote(m.pipelineId())
                        + "; define it first with PUT /api/v1/pipelines/{pipelineId}"));
            } else if (m.stage() != null && pipeline.get().stage(m.stage()).isEmpty()) {
                errors.add(FieldError.of(at + ".stage", "unknown stage " + Text.quote(m.stage()) + " in pipeline '"
                        + m.pipelineId() + "'; known stages: " + pipeline.get().stages().stream().map(Stage::key).toList()));
            }
            // A CRM stage is one of ours; a won/lost status is one per pipeline (the deal's stage says which).
            boolean status = STATUS_WON.equals(m.crmStage()) || STATUS_LOST.equals(m.crmStage());
            if (m.crmStage() != null && !seen.add(status ? m.crmStage() + "\n" + m.pipelineId() : m.crmStage())) {
                errors.add(FieldError.of(at + ".crmStage", "CRM stage " + Text.quote(m.crmStage())
                        + " is mapped twice" + (status ? " for pipeline '" + m.pipelineId() + "'" : "")));
            }
        }
    }

    private static void checkMap(String field, Map<String, String> map, int max, List<FieldError> errors) {
        if (map == null) {
            return;
        }
        if (map.size() > max) {
            errors.add(FieldError.of(field, "at most " + max + " entries"));
            return;
        }
        map.forEach((key, value) -> {
            if (Ids.problem(key) != null) {
                errors.add(FieldError.of(field, "key " + Ids.problem(key)));
            } else if (Ids.problem(value) != null) {
                errors.add(FieldError.of(field + "." + key, Ids.problem(value)));
            }
        });
    }

    private static void checkSecret(ConnectorRequest r, List<FieldError> errors) {
        if (r.kind() == ConnectorKind.SALESFORCE_CSV) {
            if (r.secret() != null) {
                errors.add(FieldError.of("secret", "a Salesforce export is uploaded with one of our keys (role ingest); "
                        + "leave secret out"));
            }
            return;
        }
        if (r.kind() == null) {
            return;
        }
        if (r.secret() == null || r.secret().isEmpty()) {
            errors.add(FieldError.of("secret", r.kind() == ConnectorKind.HUBSPOT
                    ? "is required: the client secret of the HubSpot app" : "is required: the user:password Pipedrive sends"));
        } else if (Text.problem(r.secret(), MAX_SECRET) != null) {
            errors.add(FieldError.of("secret", Text.problem(r.secret(), MAX_SECRET)));
        } else if (r.kind() == ConnectorKind.PIPEDRIVE && r.secret().indexOf(':') < 1) {
            errors.add(FieldError.of("secret", "must be user:password, as set for the Pipedrive webhook's HTTP auth"));
        }
    }
}
