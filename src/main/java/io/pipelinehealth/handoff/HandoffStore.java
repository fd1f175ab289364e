package io.pipelinehealth.handoff;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import io.pipelinehealth.visit.HandoffDirection;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The SQL of hand-offs: the opportunity row lock, inserts, and the audit trail. */
@ApplicationScoped
public class HandoffStore {

    private static final String COLUMNS = """
            handoff_id, opportunity_id, pipeline_id, direction, at, reason, by_whom, stage, owner_id, automatic,
            recorded_at""";

    /** Filters of the audit trail; null means any. {@code afterAt}/{@code afterId} is the keyset position. */
    public record Filter(String pipelineId, HandoffDirection direction, Instant from, Instant to, Instant afterAt,
            Long afterId, int limit) {
    }

    private final AgroalDataSource dataSource;

    HandoffStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The pipeline an opportunity belongs to (it never changes), empty if unknown. */
    public Optional<String> pipelineOf(String tenantId, String opportunityId) {
        return pipeline("select pipeline_id from opportunity where tenant_id = ? and opportunity_id = ?",
                tenantId, opportunityId);
    }

    /** Locks the opportunity row until the transaction ends. */
    public Optional<String> lockOpportunity(String tenantId, String opportunityId) {
        return pipeline("select pipeline_id from opportunity where tenant_id = ? and opportunity_id = ? for update",
                tenantId, opportunityId);
    }

    private Optional<String> pipeline(String sql, String tenantId, String opportunityId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, tenantId);
            query.setString(2, opportunityId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    public Handoff insert(String tenantId, String opportunityId, String pipelineId, HandoffCommand command,
            Instant recordedAt) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into handoff (tenant_id, opportunity_id, pipeline_id, direction, at, reason, by_whom,
                            stage, owner_id, automatic, recorded_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        returning
                        """ + COLUMNS)) {
            insert.setString(1, tenantId);
            insert.setString(2, opportunityId);
            insert.setString(3, pipelineId);
            insert.setString(4, command.direction().name());
            insert.setObject(5, Jdbc.timestamptz(command.at()));
            insert.setString(6, command.reason());
            insert.setString(7, command.by());
            insert.setString(8, command.stage());
            insert.setString(9, command.ownerId());
            insert.setBoolean(10, command.automatic());
            insert.setObject(11, Jdbc.timestamptz(recordedAt));
            try (ResultSet rows = insert.executeQuery()) {
                rows.next();
                return handoff(rows);
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    public Optional<Handoff> find(String tenantId, long handoffId) {
        List<Handoff> found = query("select " + COLUMNS + " from handoff where tenant_id = ? and handoff_id = ?",
                tenantId, handoffId);
        return found.stream().findFirst();
    }

    /** The hand-offs of one opportunity up to asOf, in the order they apply (rule 1). */
    public List<Handoff> ofOpportunity(String tenantId, String opportunityId, Instant asOf) {
        return query("select " + COLUMNS + """
                 from handoff where tenant_id = ? and opportunity_id = ? and at <= ?
                order by at, handoff_id
                """, tenantId, opportunityId, Jdbc.timestamptz(asOf));
    }

    /** The audit trail: by (at, handoff_id), from inclusive, to exclusive. */
    public List<Handoff> page(String tenantId, Filter filter) {
        String direction = filter.direction() == null ? null : filter.direction().name();
        Object from = Jdbc.timestamptz(filter.from());
        Object to = Jdbc.timestamptz(filter.to());
        Object afterAt = Jdbc.timestamptz(filter.afterAt());
        return query("select " + COLUMNS + """
                 from handoff
                where tenant_id = ?
                  and (?::text is null or pipeline_id = ?)
                  and (?::text is null or direction = ?)
                  and (?::timestamptz is null or at >= ?)
                  and (?::timestamptz is null or at < ?)
                  and (?::timestamptz is null or (at, handoff_id) > (?::timestamptz, ?::bigint))
                order by at, handoff_id
                limit ?
                """, tenantId, filter.pipelineId(), filter.pipelineId(), direction, direction, from, from, to, to,
                afterAt, afterAt, filter.afterId() == null ? 0L : filter.afterId(), filter.limit());
    }

    private List<Handoff> query(String sql, Object... parameters) {
        List<Handoff> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.add(handoff(rows));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return result;
    }

    private static Handoff handoff(ResultSet rows) throws SQLException {
        return new Handoff(rows.getLong(1), rows.getString(2), rows.getString(3),
                HandoffDirection.valueOf(rows.getString(4)), Jdbc.instant(rows, 5), rows.getString(6),
                rows.getString(7), rows.getString(8), rows.getString(9), rows.getBoolean(10), Jdbc.instant(rows, 11));
    }
}
