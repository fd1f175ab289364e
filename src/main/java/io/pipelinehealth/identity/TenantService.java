package io.pipelinehealth.identity;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.common.PageRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Creates tenants, each with a first admin key, and lists them (operators only). */
@ApplicationScoped
public class TenantService {

    /** Tenant ids appear in logs and URLs of operators' tools: keep them plain. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    @Inject TenantStore store;
    @Inject KeyService keys;
    @Inject AuditLog audit;
    @Inject Clock clock;
    @Inject Cursors cursors;

    @Transactional
    public NewTenant create(TenantRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (request == null || request.id() == null || !ID.matcher(request.id()).matches()) {
            errors.add(FieldError.of("id", "is required: 1 to 64 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit"));
        }
        if (request == null || request.name() == null || request.name().isBlank()) {
            errors.add(FieldError.of("name", "is required and must not be blank"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.unprocessable("invalid-tenant", "Invalid tenant",
                    errors.size() + " problem(s) in the tenant; see errors", errors);
        }
        Instant now = clock.instant();
        Tenant tenant = new Tenant(request.id(), request.name().strip(), now);
        keys.lockBeforeNewTenant(tenant.id());
        if (!store.insert(tenant)) {
            throw ApiException.conflict("tenant-exists", "Tenant exists", "A tenant with id '" + tenant.id()
                    + "' exists already.");
        }
        NewKey admin = keys.insert(tenant.id(), new KeyCommand("first admin key", List.of(Roles.ADMIN), null, null),
                now);
        audit.record(tenant.id(), "tenant.create", tenant.id());
        audit.record(tenant.id(), "key.create", admin.id());
        return new NewTenant(tenant, admin);
    }

    public Page<Tenant> list(PageRequest request) {
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        String after = paging.after() == null ? null : paging.after().string(0);
        List<Tenant> rows = store.page(after, limit + 1);
        return paging.page(rows, tenant -> List.of(tenant.id()));
    }
}
