package io.pipelinehealth.visit;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads the steps (events and hand-offs) of opportunities, optionally only those up to asOf. */
@ApplicationScoped
public class HistoryStore {

    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T23:59:59Z");

    private final AgroalDataSource dataSource;

    HistoryStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Map<String, List<Step>> steps(String tenantId, Collection<String> opportunityIds, Instant asOf) {
        Map<String, List<Step>> steps = new HashMap<>();
        Object until = Jdbc.timestamptz(asOf == null ? END_OF_TIME : asOf);
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement query = connection.prepareStatement("""
                    select opportunity_id, event_id, occurred_at, stage, owner_id, amount, currency, attributes
                    from transition_event
                    where tenant_id = ? and opportunity_id = any(?) and occurred_at <= ?
                    """)) {
                query.setString(1, tenantId);
                query.setArray(2, connection.createArrayOf("text", opportunityIds.toArray()));
                query.setObject(3, until);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        steps.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(new Step.Event(
                                rows.getString(2), Jdbc.instant(rows, 3), rows.getString(4),
                                rows.getString(5), rows.getBigDecimal(6), rows.getString(7),
                                Jdbc.stringMap(rows.getString(8))));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement("""
                    select opportunity_id, handoff_id, at, direction, stage, owner_id
                    from handoff
                    where tenant_id = ? and opportunity_id = any(?) and at <= ?
                    """)) {
                query.setString(1, tenantId);
                query.setArray(2, connection.createArrayOf("text", opportunityIds.toArray()));
                query.setObject(3, until);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        steps.computeIfAbsent(rows.getString(1), k -> new ArrayList<>()).add(new Step.Handoff(
                                rows.getLong(2), Jdbc.instant(rows, 3),
                                HandoffDirection.valueOf(rows.getString(4)), rows.getString(5), rows.getString(6)));
                    }
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return steps;
    }
}
