package io.pipelinehealth.frozen;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SQL over stored visit rows for frozen deals. A visit open at asOf is either still open (the
 * partial index on its freezing second serves "most overdue first" directly) or closed after
 * asOf; both branches are ordered and limited, then merged.
 */
@ApplicationScoped
public class FrozenQueries {

    /** Filters of the frozen list; null means any. {@code afterDeadline}/{@code afterId} is the keyset position. */
    public record Filter(String pipelineId, String ownerId, String stage, Instant asOf, Long afterDeadline,
            String afterId, int limit) {
    }

    /** A frozen visit row; the snapshot (owner aside) is valid only when {@code lastEventAt <= asOf}. */
    public record Row(String opportunityId, String pipelineId, String stage, Instant enteredAt, long enteredSeconds,
            long frozenAfterSeconds, String ownerId, Instant lastEventAt, BigDecimal amount, String currency,
            Map<String, String> attributes) {

        long deadline() {
            return enteredSeconds + frozenAfterSeconds;
        }
    }

    private static final String BRANCH = """
            select v.opportunity_id, v.pipeline_id, v.stage, v.entered_at, v.entered_s, v.frozen_after_s,
                   o.owner, v.last_event_at, v.amount, v.currency, v.attributes,
                   (v.entered_s + v.frozen_after_s) as deadline
            from visit v
            cross join lateral (
                select case when v.last_event_at <= ? then v.current_owner
                            else coalesce((select e.owner_id from transition_event e
                                           where e.tenant_id = v.tenant_id and e.opportunity_id = v.opportunity_id
                                             and e.occurred_at >= v.entered_at and e.occurred_at <= ?
                                           order by e.occurred_at desc, e.event_id desc limit 1), v.owner_id)
                       end as owner) o
            where v.tenant_id = ? and v.kind = 'VISIT' and %s
              and v.entered_at <= ?
              and (v.entered_s + v.frozen_after_s) < ?
              and (?::text is null or v.pipeline_id = ?)
              and (?::text is null or v.stage = ?)
              and (?::text is null or o.owner = ?)
              and (?::bigint is null or ((v.entered_s + v.frozen_after_s), v.opportunity_id) > (?::bigint, ?::text))
            order by (v.entered_s + v.frozen_after_s), v.opportunity_id
            limit ?
            """;

    private static final String FROZEN = "(" + BRANCH.formatted("v.left_at is null") + ") union all ("
            + BRANCH.formatted("v.left_at > ?") + ") order by deadline, opportunity_id limit ?";

    private final AgroalDataSource dataSource;

    FrozenQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Row> frozen(String tenantId, Filter filter) {
        List<Row> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(FROZEN)) {
            int i = bindBranch(query, 1, tenantId, filter, false);
            i = bindBranch(query, i, tenantId, filter, true);
            query.setInt(i, filter.limit());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    result.add(new Row(rows.getString(1), rows.getString(2), rows.getString(3), Jdbc.instant(rows, 4),
                            rows.getLong(5), rows.getLong(6), rows.getString(7), Jdbc.instant(rows, 8),
                            rows.getBigDecimal(9), rows.getString(10), Jdbc.stringMap(rows.getString(11))));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return result;
    }

    private static int bindBranch(PreparedStatement query, int first, String tenantId, Filter f, boolean closed)
            throws SQLException {
        Object asOf = Jdbc.timestamptz(f.asOf());
        int i = first;
        query.setObject(i++, asOf);
        query.setObject(i++, asOf);
        query.setString(i++, tenantId);
        if (closed) {
            query.setObject(i++, asOf);
        }
        query.setObject(i++, asOf);
        query.setLong(i++, f.asOf().getEpochSecond());
        query.setString(i++, f.pipelineId());
        query.setString(i++, f.pipelineId());
        query.setString(i++, f.stage());
        query.setString(i++, f.stage());
        query.setString(i++, f.ownerId());
        query.setString(i++, f.ownerId());
        query.setObject(i++, f.afterDeadline(), java.sql.Types.BIGINT);
        query.setObject(i++, f.afterDeadline(), java.sql.Types.BIGINT);
        query.setString(i++, f.afterId());
        query.setInt(i++, f.limit());
        return i;
    }
}
