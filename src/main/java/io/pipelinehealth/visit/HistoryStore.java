package io.pipelinehealth.visit;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
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

    @Inject AgroalDataSource dataSource;

    /** The steps of opportunities, and the earliest changed instant of those with a pending derivation. */
    public record Claimed(Map<String, Instant> changedFrom, Map<String, List<Step>> steps) {
    }

    /**
     * Deletes the pending-derivation records of the opportunities and reads their whole history in
     * the same statement, so in one snapshot: every event a deleted record stands for is in the
     * history read. The caller holds the opportunities' row locks (hand-offs cannot change), and
     * derives what it claimed before it commits.
     */
    public Claimed claim(String tenantId, Collection<String> opportunityIds) {
        Map<String, Instant> changedFrom = new HashMap<>();
        Map<String, List<Step>> steps = new HashMap<>();
        Object[] ids = opportunityIds.toArray();
        try (Connection connection = dataSource.getConnection()) {
            new NamedSql("""
                    with claimed as (
                        delete from derive_pending where tenant_id = :tenant and opportunity_id = any(:ids)
                        returning opportunity_id, from_at
                    )
                    select opportunity_id, event_id, occurred_at, stage, owner_id, amount, currency, attributes
                    from transition_event
                    where tenant_id = :tenant and opportunity_id = any(:ids)
                    union all
                    select opportunity_id, null, min(from_at), null, null, null, null, null
                    from claimed group by opportunity_id
                    """).set("tenant", tenantId).array("ids", "text", ids).each(connection, row -> {
                        if (row.getString(2) == null) {
                            changedFrom.put(row.getString(1), Jdbc.instant(row, 3));
                        } else {
                            steps.computeIfAbsent(row.getString(1), k -> new ArrayList<>()).add(event(row));
                        }
                    });
            handoffs(connection, tenantId, opportunityIds, Jdbc.timestamptz(END_OF_TIME), steps);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return new Claimed(changedFrom, steps);
    }

    private static Step.Event event(ResultSet rows) throws SQLException {
        return new Step.Event(rows.getString(2), Jdbc.instant(rows, 3), rows.getString(4), rows.getString(5),
                rows.getBigDecimal(6), rows.getString(7), Jdbc.stringMap(rows.getString(8)));
    }

    public Map<String, List<Step>> steps(String tenantId, Collection<String> opportunityIds, Instant asOf) {
        Map<String, List<Step>> steps = new HashMap<>();
        Object until = Jdbc.timestamptz(asOf == null ? END_OF_TIME : asOf);
        try (Connection connection = dataSource.getConnection()) {
            new NamedSql("""
                    select opportunity_id, event_id, occurred_at, stage, owner_id, amount, currency, attributes
                    from transition_event
                    where tenant_id = :tenant and opportunity_id = any(:ids) and occurred_at <= :until
                    """).set("tenant", tenantId).array("ids", "text", opportunityIds.toArray()).set("until", until)
                    .each(connection, row -> steps.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                            .add(event(row)));
            handoffs(connection, tenantId, opportunityIds, until, steps);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return steps;
    }

    private static void handoffs(Connection connection, String tenantId, Collection<String> opportunityIds,
            Object until, Map<String, List<Step>> steps) throws SQLException {
        new NamedSql("""
                select opportunity_id, handoff_id, at, direction, stage, owner_id
                from handoff
                where tenant_id = :tenant and opportunity_id = any(:ids) and at <= :until
                """).set("tenant", tenantId).array("ids", "text", opportunityIds.toArray()).set("until", until)
                .each(connection, row -> steps.computeIfAbsent(row.getString(1), k -> new ArrayList<>())
                        .add(new Step.Handoff(row.getLong(2), Jdbc.instant(row, 3),
                                HandoffDirection.valueOf(row.getString(4)), row.getString(5), row.getString(6))));
    }
}
