package io.pipelinehealth.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.db.TenantScopedEntity;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connectors, their routes (connector id to tenant) and their logs. The connector rows are plain
 * CRUD through Hibernate ORM with Panache ({@link ConnectorEntity}). The rest stays JDBC on purpose:
 * a route is read before any tenant is known (a global lookup table, like the key hashes), a log
 * is appended many lines at a time in one statement ({@code unnest}) and read newest first by its
 * identity column, neither of which an entity would make simpler.
 */
@ApplicationScoped
public class ConnectorStore {

    /** A connector row, with its sealed or hashed secret; only the inbound path reads those. */
    record Stored(String tenantId, String id, ConnectorKind kind, String name, List<StageMapping> stages,
            Map<String, String> owners, Map<String, String> attributes, byte[] secretSealed,
            String secretHash, Instant createdAt, Instant updatedAt) {

        Connector view() {
            return new Connector(id, kind, name, stages, owners, attributes, null, createdAt, updatedAt);
        }
    }

    /** One line to append to a connector's log. */
    record NewLogEntry(String source, LogEntry.Outcome outcome, String eventId, String opportunityId, String detail) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<List<StageMapping>> STAGES = new TypeReference<>() {
    };

    @Inject AgroalDataSource dataSource;

    /** The row through Panache, then its route; flushed first, so the route's insert sees it. */
    void insert(Stored c) {
        ConnectorEntity row = new ConnectorEntity();
        row.tenantId = c.tenantId();
        row.id = c.id();
        row.createdAt = c.createdAt();
        fill(row, c);
        row.persistAndFlush();
        new NamedSql("insert into connector_route (connector_id, tenant_id) values (:id, :tenant)")
                .set("id", c.id()).set("tenant", c.tenantId()).update(dataSource);
    }

    /** Replaces the mapping and secret; false when the tenant has no such connector. */
    boolean replace(Stored c) {
        ConnectorEntity row = ConnectorEntity.findById(new TenantScopedEntity.Key(c.tenantId(), c.id()));
        if (row == null) {
            return false;
        }
        fill(row, c);
        row.flush();
        return true;
    }

    private static void fill(ConnectorEntity row, Stored c) {
        row.kind = c.kind();
        row.name = c.name();
        row.stages = json(c.stages());
        row.owners = json(c.owners());
        row.attributes = json(c.attributes());
        row.secretSealed = c.secretSealed();
        row.secretHash = c.secretHash();
        row.updatedAt = c.updatedAt();
    }

    Optional<Stored> find(String tenantId, String id) {
        return ConnectorEntity.<ConnectorEntity>findByIdOptional(new TenantScopedEntity.Key(tenantId, id))
                .map(ConnectorStore::stored);
    }

    /** Connectors after {@code after} in code-point order (the column's collation is "C"). */
    List<Stored> page(String tenantId, String after, int limit) {
        return ConnectorEntity.<ConnectorEntity>find("tenantId = :tenant and id > :after order by id",
                Parameters.with("tenant", tenantId).and("after", after == null ? "" : after))
                .range(0, limit - 1).list().stream().map(ConnectorStore::stored).toList();
    }

    /**
     * Deletes the connector with its route, log and HubSpot deal state; false when there is none.
     * The row goes through Panache; the others are not entities (see the class comment).
     */
    boolean delete(String tenantId, String id) {
        boolean deleted = ConnectorEntity.delete("tenantId = ?1 and id = ?2", tenantId, id) > 0;
        if (deleted) {
            for (String table : List.of("connector_log", "connector_deal_property")) {
                new NamedSql("delete from " + table + " where tenant_id = :tenant and connector_id = :id")
                        .set("tenant", tenantId).set("id", id).update(dataSource);
            }
            new NamedSql("delete from connector_route where connector_id = :id and tenant_id = :tenant")
                    .set("tenant", tenantId).set("id", id).update(dataSource);
        }
        return deleted;
    }

    private static Stored stored(ConnectorEntity row) {
        try {
            return new Stored(row.tenantId, row.id, row.kind, row.name, JSON.readValue(row.stages, STAGES),
                    Jdbc.stringMap(row.owners), Jdbc.stringMap(row.attributes), row.secretSealed, row.secretHash,
                    row.createdAt, row.updatedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tenant of a connector, read before any tenant is set (the table has no row-level security). */
    Optional<String> tenantOf(String connectorId) {
        return new NamedSql("select tenant_id from connector_route where connector_id = :id").set("id", connectorId)
                .first(dataSource, row -> row.getString(1));
    }

    /**
     * Appends log entries in their order. {@code on conflict do nothing} never applies (the key is
     * a new serial), but it keeps Citus off COPY: it carries out an insert from a select it cannot
     * route as a COPY into the shard, which PostgreSQL refuses under row-level security.
     */
    void log(String tenantId, String connectorId, Instant at, List<NewLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        new NamedSql("""
                insert into connector_log (tenant_id, connector_id, at, source, outcome, event_id, opportunity_id, detail)
                select :tenant, :connector, :at, e.source, e.outcome, e.event_id, e.opportunity_id, e.detail
                from unnest(:sources, :outcomes, :eventIds, :opportunityIds, :details)
                    with ordinality as e(source, outcome, event_id, opportunity_id, detail, n)
                order by e.n
                on conflict do nothing
                """).set("tenant", tenantId).set("connector", connectorId).set("at", at)
                .array("sources", "text", entries.stream().map(NewLogEntry::source).toArray())
                .array("outcomes", "text", entries.stream().map(e -> e.outcome().name()).toArray())
                .array("eventIds", "text", entries.stream().map(NewLogEntry::eventId).toArray())
                .array("opportunityIds", "text", entries.stream().map(NewLogEntry::opportunityId).toArray())
                .array("details", "text", entries.stream().map(NewLogEntry::detail).toArray()).update(dataSource);
    }

    /** A connector's log, newest first, before the entry with id {@code before}. */
    List<LogEntry> logPage(String tenantId, String connectorId, long before, int limit) {
        return new NamedSql("""
                select log_id, at, source, outcome, event_id, opportunity_id, detail from connector_log
                where tenant_id = :tenant and connector_id = :connector and log_id < :before
                order by log_id desc limit :limit
                """).set("tenant", tenantId).set("connector", connectorId).set("before", before).set("limit", limit)
                .list(dataSource, row -> new LogEntry(row.getLong(1), Jdbc.instant(row, 2), row.getString(3),
                        LogEntry.Outcome.valueOf(row.getString(4)), row.getString(5), row.getString(6),
                        row.getString(7)));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
