package io.pipelinehealth.visit;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Writes the derived positions of opportunities, replacing what was stored for them. */
@ApplicationScoped
public class VisitStore {

    private static final String INSERT = """
            insert into visit (tenant_id, opportunity_id, seq, pipeline_id, kind, stage, stage_order,
                entered_at, left_at, entered_s, left_s, owner_id, standard_s, rushed_below, slow_above,
                frozen_after_s, closed_status, closed_by, next_stage, current_owner, last_event_at,
                amount, currency, attributes, working_s)
            select ?, u.* from unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::int[],
                ?::timestamptz[], ?::timestamptz[], ?::bigint[], ?::bigint[], ?::text[], ?::bigint[],
                ?::numeric[], ?::numeric[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::timestamptz[], ?::numeric[], ?::text[], ?::jsonb[], ?::bigint[]) as u
            """;

    private final AgroalDataSource dataSource;

    VisitStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Replaces the stored positions of the given opportunities (all of one pipeline). */
    public void replace(String tenantId, String pipelineId, Map<String, List<Position>> positionsByOpportunity) {
        if (positionsByOpportunity.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "delete from visit where tenant_id = ? and opportunity_id = any(?)")) {
                delete.setString(1, tenantId);
                delete.setArray(2, connection.createArrayOf("text", positionsByOpportunity.keySet().toArray()));
                delete.executeUpdate();
            }
            Columns columns = new Columns();
            positionsByOpportunity.forEach((opportunityId, positions) ->
                    positions.forEach(position -> columns.add(opportunityId, pipelineId, position)));
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setString(1, tenantId);
                columns.bind(connection, insert, 2);
                insert.executeUpdate();
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Stages that events or hand-offs of this pipeline use: those may not be removed from it. */
    public Set<String> stagesInUse(String tenantId, String pipelineId) {
        Set<String> stages = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select distinct stage from visit
                        where tenant_id = ? and pipeline_id = ? and kind in ('VISIT', 'CLOSED')
                        """)) {
            query.setString(1, tenantId);
            query.setString(2, pipelineId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    stages.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return stages;
    }

    /** A page of a pipeline's opportunities in id order, locked until the transaction ends. */
    public List<String> lockOpportunities(String tenantId, String pipelineId, String after, int limit) {
        List<String> ids = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        select opportunity_id from opportunity
                        where tenant_id = ? and pipeline_id = ? and opportunity_id > ?
                        order by opportunity_id limit ? for update
                        """)) {
            query.setString(1, tenantId);
            query.setString(2, pipelineId);
            query.setString(3, after);
            query.setInt(4, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return ids;
    }

    /** Column arrays for one multi-row insert through unnest: one round trip per batch. */
    private static final class Columns {
        final List<Object> opportunity = new ArrayList<>();
        final List<Object> seq = new ArrayList<>();
        final List<Object> pipeline = new ArrayList<>();
        final List<Object> kind = new ArrayList<>();
        final List<Object> stage = new ArrayList<>();
        final List<Object> stageOrder = new ArrayList<>();
        final List<Object> enteredAt = new ArrayList<>();
        final List<Object> leftAt = new ArrayList<>();
        final List<Object> enteredS = new ArrayList<>();
        final List<Object> leftS = new ArrayList<>();
        final List<Object> owner = new ArrayList<>();
        final List<Object> standard = new ArrayList<>();
        final List<Object> rushedBelow = new ArrayList<>();
        final List<Object> slowAbove = new ArrayList<>();
        final List<Object> frozenAfter = new ArrayList<>();
        final List<Object> closedStatus = new ArrayList<>();
        final List<Object> closedBy = new ArrayList<>();
        final List<Object> nextStage = new ArrayList<>();
        final List<Object> currentOwner = new ArrayList<>();
        final List<Object> lastEventAt = new ArrayList<>();
        final List<Object> amount = new ArrayList<>();
        final List<Object> currency = new ArrayList<>();
        final List<Object> attributes = new ArrayList<>();
        final List<Object> workingSeconds = new ArrayList<>();

        void add(String opportunityId, String pipelineId, Position p) {
            opportunity.add(opportunityId);
            seq.add(p.seq());
            pipeline.add(pipelineId);
            kind.add(p.kind().name());
            stage.add(p.stage());
            stageOrder.add(p.stageOrder());
            enteredAt.add(p.enteredAt().toString());
            leftAt.add(p.leftAt() == null ? null : p.leftAt().toString());
            enteredS.add(Seconds.epoch(p.enteredAt()));
            leftS.add(p.leftAt() == null ? null : Seconds.epoch(p.leftAt()));
            owner.add(p.ownerId());
            standard.add(p.rules() == null ? null : p.rules().standardSeconds());
            rushedBelow.add(p.rules() == null ? null : p.rules().rushedBelow());
            slowAbove.add(p.rules() == null ? null : p.rules().slowAbove());
            frozenAfter.add(p.rules() == null ? null : frozenSpan(p));
            closedStatus.add(p.kind().isVisit() && p.leftAt() != null ? p.status(p.leftAt()).name() : null);
            closedBy.add(p.closedBy() == null ? null : p.closedBy().name());
            nextStage.add(p.nextStage());
            currentOwner.add(p.currentOwner());
            lastEventAt.add(p.lastEventAt().toString());
            amount.add(p.amount() == null ? null : p.amount().toPlainString());
            currency.add(p.currency());
            attributes.add(Jdbc.json(p.attributes()));
            boolean working = p.rules() != null && p.rules().calendar() != null;
            workingSeconds.add(working && p.leftAt() != null ? p.actualSeconds(p.leftAt()) : null);
        }

        /** V11: with working time, the calendar span to the last second not frozen; else frozenAfter itself. */
        private static long frozenSpan(Position p) {
            long entered = Seconds.epoch(p.enteredAt());
            return p.rules().lastOpenSecond(entered) - entered;
        }

        void bind(Connection c, PreparedStatement statement, int first) throws SQLException {
            List<List<Object>> all = List.of(opportunity, seq, pipeline, kind, stage, stageOrder, enteredAt, leftAt,
                    enteredS, leftS, owner, standard, rushedBelow, slowAbove, frozenAfter, closedStatus, closedBy,
                    nextStage, currentOwner, lastEventAt, amount, currency, attributes, workingSeconds);
            int index = first;
            for (List<Object> column : all) {
                statement.setArray(index++, c.createArrayOf("text", texts(column)));
            }
        }

        private static Object[] texts(Collection<Object> values) {
            return values.stream().map(v -> v == null ? null : v instanceof BigDecimal d ? d.toPlainString() : v.toString())
                    .toArray();
        }
    }
}
