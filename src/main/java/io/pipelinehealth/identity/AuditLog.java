package io.pipelinehealth.identity;

import io.pipelinehealth.db.NamedSql;
import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.Cursors;
import io.pipelinehealth.db.TenantSession;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The audit trail of changes. Entries are written in the caller's transaction, so a change and its
 * entry are stored together or not at all. Listed newest first.
 */
@ApplicationScoped
public class AuditLog {

    @Inject AgroalDataSource dataSource;
    @Inject CurrentKey currentKey;
    @Inject TenantResolver tenants;
    @Inject Clock clock;
    @Inject Cursors cursors;

    /** Records an action of the current key in its tenant; target names what changed. */
    public void record(String action, String target) {
        record(tenants.currentTenant(), action, target);
    }

    /** Records an action in a given tenant, by the current key if there is one (else by the service). */
    public void record(String tenantId, String action, String target) {
        Optional<ApiKey> key = currentKey.get();
        boolean otherTenant = !tenantId.equals(tenants.currentTenant());
        NamedSql insert = new NamedSql("""
                insert into audit_event (tenant_id, at, key_id, key_name, action, target)
                values (:tenant, :at, :keyId, :keyName, :action, :target)""")
                .set("tenant", tenantId).set("at", clock.instant())
                .set("keyId", key.map(ApiKey::id).orElse(null)).set("keyName", key.map(ApiKey::name).orElse(null))
                .set("action", action).set("target", target);
        try (Connection connection = dataSource.getConnection()) {
            if (otherTenant) {
                // An operator creating a tenant writes that tenant's first entries. Row-level security
                // admits them only under that tenant, so the setting is switched for this one insert,
                // transaction-locally, and switched back: the entries stay atomic with the change.
                tenantSetting(connection, tenantId);
            }
            insert.update(connection);
            if (otherTenant) {
                tenantSetting(connection, tenants.currentTenant());
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    private static void tenantSetting(Connection connection, String tenantId) throws SQLException {
        TenantSession.setLocal(connection, tenantId);
    }

    public Page<AuditEntry> page(PageRequest request) {
        Cursors.Paging paging = cursors.open(request);
        int limit = paging.limit();
        long before = paging.after() == null ? Long.MAX_VALUE : paging.after().number(0);
        List<AuditEntry> rows = new NamedSql("""
                select audit_id, at, key_id, key_name, action, target from audit_event
                where tenant_id = :tenant and audit_id < :before order by audit_id desc limit :limit""")
                .set("tenant", tenants.currentTenant()).set("before", before).set("limit", limit + 1)
                .list(dataSource, row -> new AuditEntry(row.getLong(1), Jdbc.instant(row, 2), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6)));
        return paging.page(rows, entry -> List.of(entry.id()));
    }
}
