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
import java.util.Arrays;
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
                        and e.occurred_at >= v.entered_at and e.occurred_at <= ?
                      order by e.occurred_at desc, e.event_id desc limit 1), v.owner_id)""";

    private final AgroalDataSource dataSource;

    FrozenQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public List<Row> frozen(String tenantId, Filter filter) {
        Object asOf = Jdbc.timestamptz(filter.asOf());
        Sql sql = new Sql();
        sql.append("(");
        branch(sql, tenantId, filter, "v.current_owner", List.of(),
                "v.left_at is null and v.last_event_at <= ?", List.of(asOf));
        sql.append(") union all (");
        branch(sql, tenantId, filter, OWNER_AT_AS_OF, List.of(asOf),
                "v.left_at is null and v.last_event_at > ?", List.of(asOf));
        sql.append(") union all (");
        branch(sql, tenantId, filter, "case when v.last_event_at <= ? then v.current_owner else " + OWNER_AT_AS_OF + " end",
                List.of(asOf, asOf), "v.left_at > ?", List.of(asOf));
        sql.append(") order by deadline, opportunity_id limit ?", filter.limit());

        List<Row> result = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(sql.text.toString())) {
            for (int i = 0; i < sql.parameters.size(); i++) {
                query.setObject(i + 1, sql.parameters.get(i));
            }
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

    private static void branch(Sql sql, String tenantId, Filter f, String owner, List<Object> ownerParameters,
            String which, List<Object> whichParameters) {
        Object asOf = Jdbc.timestamptz(f.asOf());
        sql.append("select v.opportunity_id, v.pipeline_id, v.stage, v.entered_at, v.entered_s, v.frozen_after_s, ");
        sql.append(owner + " as owner", ownerParameters.toArray());
        sql.append("""
                , greatest(v.last_event_at, o.known_at), o.amount, o.currency, o.attributes,
                  (v.entered_s + v.frozen_after_s) as deadline
                from visit v
                join opportunity o on o.tenant_id = v.tenant_id and o.opportunity_id = v.opportunity_id
                where v.tenant_id = ? and v.kind = 'VISIT' and v.entered_at <= ?
                  and (v.entered_s + v.frozen_after_s) < ? and\s""", tenantId, asOf, f.asOf().getEpochSecond());
        sql.append(which, whichParameters.toArray());
        if (f.pipelineId() != null) {
            sql.append(" and v.pipeline_id = ?", f.pipelineId());
        }
        if (f.stage() != null) {
            sql.append(" and v.stage = ?", f.stage());
        }
        if (f.ownerId() != null) {
            sql.append(" and " + owner + " = ?", ownerParameters.toArray());
            sql.append("", f.ownerId());
        }
        if (f.afterDeadline() != null) {
            sql.append(" and ((v.entered_s + v.frozen_after_s), v.opportunity_id) > (?, ?)", f.afterDeadline(),
                    f.afterId());
        }
        sql.append(" order by (v.entered_s + v.frozen_after_s), v.opportunity_id limit ?", f.limit());
    }

    /** SQL text with its positional parameters, built together so they cannot drift apart. */
    private static final class Sql {
        final StringBuilder text = new StringBuilder();
        final List<Object> parameters = new ArrayList<>();

        void append(String fragment, Object... values) {
            text.append(fragment);
            parameters.addAll(Arrays.asList(values));
        }
    }
}
