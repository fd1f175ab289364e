package io.pipelinehealth.feed;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SQL of the visit feed: pages of a pipeline's stage visits in key order, and the visits changed
 * between two change numbers (V18's visit_change). Filters come as whitelisted {@link Condition}s.
 */
@ApplicationScoped
public class FeedQueries {

    private static final String COLUMNS = """
            v.opportunity_id, v.pipeline_id, v.kind, v.stage, v.owner_id, v.entered_at, v.left_at, v.entered_s,
            v.left_s, v.standard_s, v.working_s, v.closed_status, v.frozen_after_s, o.attributes::text as attributes
            """;

    private final AgroalDataSource dataSource;

    FeedQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A visit row as stored; {@code deleted} rows carry the key alone. */
    public record Stored(String visitKey, boolean deleted, String opportunityId, String pipelineId, String kind,
            String stage, String ownerId, Instant enteredAt, Instant leftAt, long enteredSecond, Long leftSecond,
            Long standardSeconds, Long workingSeconds, String closedStatus, Long frozenAfterSeconds,
            Map<String, String> attributes) {
    }

    /**
     * The change-number horizon: the xmin of a snapshot taken now. Every transaction with a lower
     * id has ended, so any change numbered below it that will ever be visible is visible to every
     * later statement, and no transaction can still write a change below it. A cursor never moves
     * past it, so a change committed later never hides below a reader's cursor (V18).
     */
    public long horizon() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = new NamedSql("select pg_snapshot_xmin(pg_current_snapshot())::text")
                        .prepare(connection);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return Long.parseLong(rows.getString(1));
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Current stage visits matching the conditions, after {@code afterKey}, in key order. */
    public List<Stored> page(String tenantId, List<Condition> conditions, String afterKey, int limit) {
        NamedSql sql = new NamedSql("select v.visit_key, false as deleted, " + COLUMNS + """
                from visit v
                join opportunity o on o.tenant_id = v.tenant_id and o.opportunity_id = v.opportunity_id
                where v.tenant_id = :tenant and v.kind in ('VISIT', 'SKIPPED') and v.visit_key > :after
                """ + where(conditions) + " order by v.visit_key limit :limit");
        bind(sql, conditions).set("tenant", tenantId).set("after", afterKey).set("limit", limit);
        return read(sql);
    }

    /**
     * Visits of the pipeline changed by transactions numbered from {@code since} (inclusive) to
     * {@code upto} (exclusive), after {@code afterKey}: current rows matching the conditions, and
     * tombstones (always, whatever the conditions: a deleted visit has no fields left to filter on).
     */
    public List<Stored> changes(String tenantId, String pipelineId, List<Condition> conditions, long since,
            long upto, String afterKey, int limit) {
        NamedSql sql = new NamedSql("select c.visit_key, c.deleted or v.visit_key is null as deleted, " + COLUMNS + """
                from visit_change c
                left join visit v on v.tenant_id = c.tenant_id and v.opportunity_id = c.opportunity_id
                    and v.visit_key = c.visit_key and v.kind in ('VISIT', 'SKIPPED')
                left join opportunity o on o.tenant_id = v.tenant_id and o.opportunity_id = v.opportunity_id
                where c.tenant_id = :tenant and c.pipeline_id = :pipeline
                  and c.changed_by >= :since::text::xid8 and c.changed_by < :upto::text::xid8 and c.visit_key > :after
                  and (v.visit_key is null or (true
                """ + where(conditions) + ")) order by c.visit_key limit :limit");
        bind(sql, conditions).set("tenant", tenantId).set("pipeline", pipelineId).set("since", Long.toString(since))
                .set("upto", Long.toString(upto)).set("after", afterKey).set("limit", limit);
        return read(sql);
    }

    /** How many current stage visits match (OData $count). */
    public long count(String tenantId, List<Condition> conditions) {
        NamedSql sql = new NamedSql("""
                select count(*) from visit v
                where v.tenant_id = :tenant and v.kind in ('VISIT', 'SKIPPED')
                """ + where(conditions));
        bind(sql, conditions).set("tenant", tenantId);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** The attribute keys of a pipeline's opportunities: the CSV's attr.* columns, known before the first row. */
    public Set<String> attributeKeys(String tenantId, String pipelineId) {
        Set<String> keys = new TreeSet<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = new NamedSql("""
                        select distinct jsonb_object_keys(attributes) from opportunity
                        where tenant_id = :tenant and pipeline_id = :pipeline
                        """).set("tenant", tenantId).set("pipeline", pipelineId).prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return keys;
    }

    /** Columns and operators come from enums, never from the request; values are bound. */
    private static String where(List<Condition> conditions) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            sql.append(" and ").append(c.column().column()).append(' ').append(c.op().sql).append(" :c").append(i);
        }
        return sql.append('\n').toString();
    }

    private static NamedSql bind(NamedSql sql, List<Condition> conditions) {
        for (int i = 0; i < conditions.size(); i++) {
            sql.set("c" + i, conditions.get(i).value());
        }
        return sql;
    }

    private List<Stored> read(NamedSql sql) {
        List<Stored> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                if (rows.getBoolean("deleted")) {
                    result.add(new Stored(rows.getString("visit_key"), true, null, null, null, null, null, null, null,
                            0, null, null, null, null, null, Map.of()));
                    continue;
                }
                result.add(new Stored(rows.getString("visit_key"), false, rows.getString("opportunity_id"),
                        rows.getString("pipeline_id"), rows.getString("kind"), rows.getString("stage"),
                        rows.getString("owner_id"), Jdbc.instant(rows, rows.findColumn("entered_at")),
                        Jdbc.instant(rows, rows.findColumn("left_at")), rows.getLong("entered_s"),
                        nullableLong(rows, "left_s"), nullableLong(rows, "standard_s"), nullableLong(rows, "working_s"),
                        rows.getString("closed_status"), nullableLong(rows, "frozen_after_s"),
                        Jdbc.stringMap(rows.getString("attributes"))));
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return result;
    }

    private static Long nullableLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? null : value;
    }
}
