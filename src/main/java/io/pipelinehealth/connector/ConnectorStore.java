package io.pipelinehealth.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of connectors, their routes (connector id to tenant) and their logs. */
@ApplicationScoped
public class ConnectorStore {

    /** A connector row, with its sealed or hashed secret; only the inbound path reads those. */
    record Stored(String tenantId, String id, ConnectorKind kind, String name, List<StageMapping> stages,
            java.util.Map<String, String> owners, java.util.Map<String, String> attributes, byte[] secretSealed,
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
    private static final String COLUMNS = """
            tenant_id, connector_id, kind, name, stages::text, owners::text, attributes::text, secret_sealed,
            secret_hash, created_at, updated_at""";

    private final AgroalDataSource dataSource;

    ConnectorStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void insert(Stored c) {
        update(bindRow(new NamedSql("""
                insert into connector (tenant_id, connector_id, kind, name, stages, owners, attributes, secret_sealed,
                    secret_hash, created_at, updated_at)
                values (:tenant, :id, :kind, :name, cast(:stages as jsonb), cast(:owners as jsonb),
                    cast(:attributes as jsonb), :sealed, :hash, :createdAt, :updatedAt)
                """), c));
        update(new NamedSql("insert into connector_route (connector_id, tenant_id) values (:id, :tenant)")
                .set("id", c.id()).set("tenant", c.tenantId()));
    }

    /** Replaces the mapping and secret; false when the tenant has no such connector. */
    boolean replace(Stored c) {
        return update(bindRow(new NamedSql("""
                update connector set kind = :kind, name = :name, stages = cast(:stages as jsonb),
                    owners = cast(:owners as jsonb), attributes = cast(:attributes as jsonb), secret_sealed = :sealed,
                    secret_hash = :hash, updated_at = :updatedAt
                where tenant_id = :tenant and connector_id = :id
                """), c)) > 0;
    }

    private static NamedSql bindRow(NamedSql sql, Stored c) {
        return sql.set("tenant", c.tenantId()).set("id", c.id()).set("kind", c.kind().name()).set("name", c.name())
                .set("stages", json(c.stages())).set("owners", json(c.owners())).set("attributes", json(c.attributes()))
                .set("sealed", c.secretSealed()).set("hash", c.secretHash()).set("createdAt", c.createdAt())
                .set("updatedAt", c.updatedAt());
    }

    Optional<Stored> find(String tenantId, String id) {
        return query(new NamedSql("select " + COLUMNS + " from connector where tenant_id = :tenant and connector_id = :id")
                .set("tenant", tenantId).set("id", id)).stream().findFirst();
    }

    List<Stored> page(String tenantId, String after, int limit) {
        return query(new NamedSql("select " + COLUMNS + """
                 from connector where tenant_id = :tenant and connector_id > :after order by connector_id limit :limit
                """).set("tenant", tenantId).set("after", after == null ? "" : after).set("limit", limit));
    }

    /** Deletes the connector with its route, log and HubSpot deal state; false when there is none. */
    boolean delete(String tenantId, String id) {
        boolean deleted = update(new NamedSql("delete from connector where tenant_id = :tenant and connector_id = :id")
                .set("tenant", tenantId).set("id", id)) > 0;
        if (deleted) {
            for (String table : List.of("connector_log", "connector_deal_property")) {
                update(new NamedSql("delete from " + table + " where tenant_id = :tenant and connector_id = :id")
                        .set("tenant", tenantId).set("id", id));
            }
            update(new NamedSql("delete from connector_route where connector_id = :id and tenant_id = :tenant")
                    .set("tenant", tenantId).set("id", id));
        }
        return deleted;
    }

    /** The tenant of a connector, read before any tenant is set (the table has no row-level security). */
    Optional<String> tenantOf(String connectorId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = new NamedSql("select tenant_id from connector_route where connector_id = :id")
                        .set("id", connectorId).prepare(connection);
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    void log(String tenantId, String connectorId, Instant at, List<NewLogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        update(new NamedSql("""
                insert into connector_log (tenant_id, connector_id, at, source, outcome, event_id, opportunity_id, detail)
                select :tenant, :connector, :at, e.source, e.outcome, e.event_id, e.opportunity_id, e.detail
                from unnest(:sources, :outcomes, :eventIds, :opportunityIds, :details)
                    with ordinality as e(source, outcome, event_id, opportunity_id, detail, n)
                order by e.n
                """).set("tenant", tenantId).set("connector", connectorId).set("at", at)
                .array("sources", "text", entries.stream().map(NewLogEntry::source).toArray())
                .array("outcomes", "text", entries.stream().map(e -> e.outcome().name()).toArray())
                .array("eventIds", "text", entries.stream().map(NewLogEntry::eventId).toArray())
                .array("opportunityIds", "text", entries.stream().map(NewLogEntry::opportunityId).toArray())
                .array("details", "text", entries.stream().map(NewLogEntry::detail).toArray()));
    }

    /** A connector's log, newest first, before the entry with id {@code before}. */
    List<LogEntry> logPage(String tenantId, String connectorId, long before, int limit) {
        List<LogEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = new NamedSql("""
                        select log_id, at, source, outcome, event_id, opportunity_id, detail from connector_log
                        where tenant_id = :tenant and connector_id = :connector and log_id < :before
                        order by log_id desc limit :limit
                        """).set("tenant", tenantId).set("connector", connectorId).set("before", before)
                        .set("limit", limit).prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                entries.add(new LogEntry(rows.getLong(1), Jdbc.instant(rows, 2), rows.getString(3),
                        LogEntry.Outcome.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6),
                        rows.getString(7)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return entries;
    }

    private List<Stored> query(NamedSql sql) {
        List<Stored> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                result.add(new Stored(rows.getString(1), rows.getString(2), ConnectorKind.valueOf(rows.getString(3)),
                        rows.getString(4), JSON.readValue(rows.getString(5), STAGES), Jdbc.stringMap(rows.getString(6)),
                        Jdbc.stringMap(rows.getString(7)), rows.getBytes(8), rows.getString(9), Jdbc.instant(rows, 10),
                        Jdbc.instant(rows, 11)));
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    private int update(NamedSql sql) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = sql.prepare(connection)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
