package io.pipelinehealth.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.connector.ConnectorEntity;
import io.pipelinehealth.connector.ConnectorKind;
import io.pipelinehealth.pipeline.PipelineDocument;
import io.pipelinehealth.pipeline.PipelineService;
import io.pipelinehealth.support.Fixtures;
import io.pipelinehealth.transition.IngestService;
import io.pipelinehealth.transition.TransitionInput;
import io.pipelinehealth.webhook.Subscription;
import io.pipelinehealth.webhook.SubscriptionRequest;
import io.pipelinehealth.webhook.WebhookEvents;
import io.pipelinehealth.webhook.WebhookService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The second line: a query that forgets its tenant predicate still sees only its tenant's rows. */
@QuarkusTest
class RowLevelSecurityTest {

    /** Tables with a tenant_id column that row-level security leaves out on purpose (ids only, see V6). */
    /** Tables a unit of work reads before it has a tenant (V6, V8 say why). */
    private static final List<String> UNPROTECTED = List.of("api_key", "connector_route", "tenant");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    AppRoleCheck roles;

    @Inject
    PipelineService pipelines;

    @Inject
    IngestService ingest;

    @Inject
    ObjectMapper json;

    @Inject
    WebhookService webhooks;

    @Test
    void queriesRunAsARoleThatCannotBypassRowLevelSecurity() {
        AppRoleCheck.QueryRole role = roles.queryRole();
        assertEquals(TenantSession.APP_ROLE, role.name());
        assertFalse(role.superuser());
        assertFalse(role.bypassRls());
    }

    @Test
    void everyTenantTableHasForcedRowLevelSecurity() {
        List<List<String>> unprotected = rows("""
                select c.relname from pg_class c
                join pg_namespace n on n.oid = c.relnamespace and n.nspname = current_schema()
                join pg_attribute a on a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped
                where c.relkind in ('r', 'p')
                  and not (c.relrowsecurity and c.relforcerowsecurity
                           and exists (select 1 from pg_policy p where p.polrelid = c.oid))
                order by 1
                """);
        assertEquals(UNPROTECTED, unprotected.stream().map(row -> row.get(0)).toList(),
                "tables with tenant_id but without forced row-level security and a policy");
    }

    @Test
    void aQueryWithoutTenantPredicateSeesOnlyItsTenant() {
        String a = Fixtures.unique("tenant-a");
        String b = Fixtures.unique("tenant-b");
        // The same pipeline, opportunity and event ids in both tenants; B has one deal more.
        TenantContext.run(a, () -> seed(1));
        TenantContext.run(b, () -> seed(2));

        for (String table : List.of("pipeline", "opportunity", "transition_event", "visit")) {
            String sql = "select count(distinct tenant_id), min(tenant_id) from " + table;
            assertEquals(List.of("1", a), TenantContext.call(a, () -> row(sql)), table);
            assertEquals(List.of("1", b), TenantContext.call(b, () -> row(sql)), table);
        }
        assertEquals(List.of("1"), TenantContext.call(a, () -> row("select count(*) from opportunity")));
        assertEquals(List.of("2"), TenantContext.call(b, () -> row("select count(*) from opportunity")));
        assertEquals(List.of("0"), TenantContext.call("", () -> row("select count(*) from visit")));
        // The pooled connection that served B now serves A, inside a JTA transaction this time.
        assertEquals(List.of("1"), TenantContext.call(a, () -> QuarkusTransaction.requiringNew()
                .call(() -> row("select count(*) from opportunity"))));

        assertEquals(List.of("0"), TenantContext.call(a, () -> row(
                "with changed as (update opportunity set pipeline_id = pipeline_id where tenant_id = '" + b + "' returning 1) "
                        + "select count(*) from changed")));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> TenantContext.call(a,
                () -> row("with moved as (update pipeline set tenant_id = '" + b + "' returning 1) select count(*) from moved")));
        // Citus refuses it before row-level security does: tenant_id is its distribution column (issue 23)
        assertTrue(refused.getMessage().contains("row-level security")
                || refused.getMessage().contains("modifying the partition value of rows is not allowed"),
                refused.getMessage());
    }

    @Test
    void webhookSubscriptionsArePerTenant() {
        String a = Fixtures.unique("tenant-a");
        String b = Fixtures.unique("tenant-b");
        Subscription ofB = TenantContext.call(b, () -> webhooks.subscribe(
                new SubscriptionRequest("https://192.0.2.10/hook", List.of(WebhookEvents.FROZEN))));
        assertEquals(ofB.id(), TenantContext.call(b, () -> webhooks.get(ofB.id())).id());
        ApiException missing = assertThrows(ApiException.class, () -> TenantContext.call(a, () -> webhooks.get(ofB.id())));
        assertEquals(404, missing.status());
        assertEquals(List.of(), TenantContext.call(a, () -> webhooks.list(PageRequest.firstPage(10))).items());
        assertEquals(List.of(ofB.id()), TenantContext.call(b, () -> webhooks.list(PageRequest.firstPage(10))).items().stream()
                .map(Subscription::id).toList());
    }

    /** Hibernate ORM takes its connections from the same pool, so its queries get the same tenant. */
    @Test
    void panacheQueriesSeeOnlyTheirTenant() {
        String a = Fixtures.unique("tenant-a");
        String b = Fixtures.unique("tenant-b");
        for (String tenant : List.of(a, b)) {
            TenantContext.run(tenant, () -> QuarkusTransaction.requiringNew().run(() -> connector(tenant).persist()));
        }
        // listAll has no tenant predicate: row-level security alone keeps B's row out
        assertEquals(List.of(a), TenantContext.call(a, () -> QuarkusTransaction.requiringNew()
                .call(() -> ConnectorEntity.<ConnectorEntity>listAll().stream().map(c -> c.tenantId).toList())));
        assertEquals(List.of(b), TenantContext.call(b, () -> QuarkusTransaction.requiringNew()
                .call(() -> ConnectorEntity.<ConnectorEntity>listAll().stream().map(c -> c.tenantId).toList())));
        assertEquals(0L, (long) TenantContext.call("", () -> QuarkusTransaction.requiringNew()
                .call(() -> ConnectorEntity.count())));
    }

    private static ConnectorEntity connector(String tenant) {
        ConnectorEntity row = new ConnectorEntity();
        row.tenantId = tenant;
        row.id = "con_rls";
        row.kind = ConnectorKind.SALESFORCE_CSV;
        row.name = "row-level security";
        row.stages = "[]";
        row.owners = "{}";
        row.attributes = "{}";
        row.createdAt = java.time.Instant.parse("2026-01-01T00:00:00Z");
        row.updatedAt = row.createdAt;
        return row;
    }

    private void seed(int deals) {
        Map<String, Object> document = Fixtures.standardPipeline(List.of());
        pipelines.put("shared-pipeline", json.convertValue(document, PipelineDocument.class));
        List<TransitionInput> events = new ArrayList<>();
        for (int i = 0; i < deals; i++) {
            for (Map<String, Object> event : Fixtures.history("deal-" + i, "shared-pipeline", "ana",
                    "qualify", "2026-01-01T00:00:00Z", "discover", "2026-01-05T00:00:00Z")) {
                events.add(json.convertValue(event, TransitionInput.class));
            }
        }
        ingest.ingest(events);
    }

    private List<String> row(String sql) {
        return rows(sql).get(0);
    }

    private List<List<String>> rows(String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    values.add(rows.getString(i));
                }
                result.add(values);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
