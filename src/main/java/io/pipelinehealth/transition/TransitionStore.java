package io.pipelinehealth.transition;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

/** Stored transition events and the per-opportunity rows that serialize writers. */
@ApplicationScoped
public class TransitionStore {

    private final AgroalDataSource dataSource;

    TransitionStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Creates missing opportunity rows and locks all of them until the transaction ends, in id
     * order so that two batches sharing opportunities cannot deadlock. Answers the pipeline each
     * opportunity belongs to (for existing ones, the stored one).
     */
    public Map<String, String> lockOpportunities(String tenantId, SortedMap<String, String> pipelineByOpportunity) {
        Map<String, String> stored = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        insert into opportunity (tenant_id, opportunity_id, pipeline_id)
                        select ?, u.o, u.p from unnest(?::text[], ?::text[]) with ordinality as u(o, p, n)
                        order by u.n
                        on conflict (tenant_id, opportunity_id)
                            do update set pipeline_id = opportunity.pipeline_id
                        returning opportunity_id, pipeline_id
                        """)) {
            upsert.setString(1, tenantId);
            upsert.setArray(2, connection.createArrayOf("text", pipelineByOpportunity.keySet().toArray()));
            upsert.setArray(3, connection.createArrayOf("text", pipelineByOpportunity.values().toArray()));
            try (ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    stored.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return stored;
    }

    public Map<String, TransitionEvent> find(String tenantId, Collection<String> eventIds) {
        Map<String, TransitionEvent> found = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select event_id, opportunity_id, pipeline_id, stage, occurred_at, owner_id, amount,
                               currency, attributes
                        from transition_event where tenant_id = ? and event_id = any(?)
                        """)) {
            query.setString(1, tenantId);
            query.setArray(2, connection.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    TransitionEvent event = new TransitionEvent(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), Jdbc.instant(rows, 5), rows.getString(6),
                            rows.getBigDecimal(7), rows.getString(8), Jdbc.stringMap(rows.getString(9)));
                    found.put(event.eventId(), event);
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return found;
    }

    /** Inserts the events, skipping ids stored meanwhile; answers the ids actually inserted. */
    public Set<String> insert(String tenantId, List<TransitionEvent> events) {
        Set<String> inserted = new HashSet<>();
        if (events.isEmpty()) {
            return inserted;
        }
        int n = events.size();
        Object[] ids = new Object[n];
        Object[] opportunities = new Object[n];
        Object[] pipelines = new Object[n];
        Object[] stages = new Object[n];
        Object[] times = new Object[n];
        Object[] owners = new Object[n];
        Object[] amounts = new Object[n];
        Object[] currencies = new Object[n];
        Object[] attributes = new Object[n];
        for (int i = 0; i < n; i++) {
            TransitionEvent e = events.get(i);
            ids[i] = e.eventId();
            opportunities[i] = e.opportunityId();
            pipelines[i] = e.pipelineId();
            stages[i] = e.stage();
            times[i] = e.occurredAt().toString();
            owners[i] = e.ownerId();
            amounts[i] = e.amount() == null ? null : e.amount().toPlainString();
            currencies[i] = e.currency();
            attributes[i] = Jdbc.json(e.attributes());
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        insert into transition_event (tenant_id, event_id, opportunity_id, pipeline_id, stage,
                            occurred_at, owner_id, amount, currency, attributes)
                        select ?, u.* from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::timestamptz[],
                            ?::text[], ?::numeric[], ?::text[], ?::jsonb[]) as u
                        on conflict do nothing
                        returning event_id
                        """)) {
            insert.setString(1, tenantId);
            Object[][] columns = {ids, opportunities, pipelines, stages, times, owners, amounts, currencies, attributes};
            for (int c = 0; c < columns.length; c++) {
                insert.setArray(c + 2, connection.createArrayOf("text", columns[c]));
            }
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return inserted;
    }

}
