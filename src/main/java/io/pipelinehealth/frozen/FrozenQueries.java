package io.pipelinehealth.frozen;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import io.pipelinehealth.db.NamedSql;
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
 * SQL over stored visit rows for frozen deals. A visit open at asOf is one of three kinds, each
 * a branch ordered by its freezing second (entered_s + frozen_after_s) and limited, then merged:
 * still open with its snapshot known by asOf (the common case, served in order by a partial
 * index, by owner too), still open with a step after asOf, or closed after asOf. Only the
 * filters given are in the SQL, so every branch can use its index.
 */
@ApplicationScoped
public class FrozenQueries {

    /** Filters of the frozen list; null means any. {@code afterDeadline}/{@code afterId} is the keyset position. */
    public record Filter(String pipelineId, String ownerId, String stage, Instant asOf, Long afterDeadline,
            String afterId, int limit) {
    }

    /**
     * A frozen visit row with its opportunity's latest snapshot (amount, currency, attributes, V12);
     * that snapshot (owner aside) is valid only when {@code lastEventAt}, the later of the visit's
     * last step and the opportunity's latest event, is not after asOf.
     */
    public record Row(String opportunityId, String pipelineId, String stage, Instant enteredAt, long enteredSeconds,
            long frozenAfterSeconds, String ownerId, Instant lastEventAt, BigDecimal amount, String currency,
            Map<String, String> attributes) {

        long deadline() {
            return enteredSeconds + frozenAfterSeconds;
        }
    }

    /** The owner of the latest event of the row up to asOf, or the row's entering owner. */
    private static final String OWNER_AT_AS_OF = """
            coalesce((select e.owner_id from transition_event e
                      where e.tenant_id = v.tenant_id and e.opportunity_id = v.opportunity_id
                        and e.occurred_at >= v.entered_at and e.occurred_at <= :asOf
                      order by e.occurred_at desc, e.event_id desc limit 1), v.owner_id)""";

    private final AgroalDataSource dataSource;

    FrozenQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Row> frozen(String tenantId, Filter filter) {
        StringBuilder text = new StringBuilder("(");
        branch(text, filter, "v.current_owner", "v.left_at is null and v.last_event_at <= :asOf");
        text.append(") union all (");
        branch(text, filter, OWNER_AT_AS_OF, "v.left_at is null and v.last_event_at > :asOf");
        text.append(") union all (");
        branch(text, filter, "case when v.last_event_at <= :asOf then v.current_owner else " + OWNER_AT_AS_OF + " end",
                "v.left_at > :asOf");
        text.append(") order by deadline, opportunity_id limit :limit");
        NamedSql sql = new NamedSql(text.toString()).set("tenant", tenantId).set("asOf", filter.asOf())
                .set("asOfSeconds", filter.asOf().getEpochSecond()).set("limit", filter.limit());
        if (filter.pipelineId() != null) {
            sql.set("pipeline", filter.pipelineId());
        }
        if (filter.stage() != null) {
            sql.set("stage", filter.stage());
        }
        if (filter.ownerId() != null) {
            sql.set("owner", filter.ownerId());
        }
        if (filter.afterDeadline() != null) {
            sql.set("afterDeadline", filter.afterDeadline()).set("afterId", filter.afterId());
        }

        List<Row> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = sql.prepare(connection)) {
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

    /** One branch; only the filters given are in its text (their values are bound by name above). */
    private static void branch(StringBuilder sql, Filter f, String owner, String which) {
        sql.append("select v.opportunity_id, v.pipeline_id, v.stage, v.entered_at, v.entered_s, v.frozen_after_s, ");
        sql.append(owner).append(" as owner");
        sql.append("""
                , greatest(v.last_event_at, o.known_at), o.amount, o.currency, o.attributes,
                  (v.entered_s + v.frozen_after_s) as deadline
                from visit v
                join opportunity o on o.tenant_id = v.tenant_id and o.opportunity_id = v.opportunity_id
                where v.tenant_id = :tenant and v.kind = 'VISIT' and v.entered_at <= :asOf
                  and (v.entered_s + v.frozen_after_s) < :asOfSeconds and\s""");
        sql.append(which);
        if (f.pipelineId() != null) {
            sql.append(" and v.pipeline_id = :pipeline");
        }
        if (f.stage() != null) {
            sql.append(" and v.stage = :stage");
        }
        if (f.ownerId() != null) {
            sql.append(" and ").append(owner).append(" = :owner");
        }
        if (f.afterDeadline() != null) {
            sql.append(" and ((v.entered_s + v.frozen_after_s), v.opportunity_id) > (:afterDeadline, :afterId)");
        }
        sql.append(" order by (v.entered_s + v.frozen_after_s), v.opportunity_id limit :limit");
    }
}
