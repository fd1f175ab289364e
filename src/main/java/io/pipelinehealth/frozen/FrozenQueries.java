package io.pipelinehealth.frozen;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.visit.OwnerAtAsOf;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * SQL over stored visit rows for frozen deals. A visit open at asOf is one of three kinds, each
 * a branch ordered by its freezing second (entered_s + frozen_after_s) and limited, then merged:
 * still open with its snapshot known by asOf (the common case, served in order by a partial
 * index, by owner too), still open with a step after asOf, or closed after asOf.
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

    /**
     * One branch; {@code %1$s} is its owner expression, {@code %2$s} which open visits it takes.
     * Optional filters are {@code (:x is null or ...)}, as everywhere: each query is planned with its
     * actual values (unnamed statements), so an absent filter drops out and the index still serves.
     */
    private static final String BRANCH = """
            select v.opportunity_id, v.pipeline_id, v.stage, v.entered_at, v.entered_s, v.frozen_after_s,
                   %1$s as owner, greatest(v.last_event_at, o.known_at), o.amount, o.currency, o.attributes,
                   (v.entered_s + v.frozen_after_s) as deadline
            from visit v
            join opportunity o on o.tenant_id = v.tenant_id and o.opportunity_id = v.opportunity_id
            where v.tenant_id = :tenant and v.kind = 'VISIT' and v.entered_at <= :asOf
              and (v.entered_s + v.frozen_after_s) < :asOfSeconds and %2$s
              and (:pipeline::text is null or v.pipeline_id = :pipeline)
              and (:stage::text is null or v.stage = :stage)
              and (:owner::text is null or %1$s = :owner)
              and (:afterDeadline::bigint is null
                   or ((v.entered_s + v.frozen_after_s), v.opportunity_id) > (:afterDeadline, :afterId::text))
            order by (v.entered_s + v.frozen_after_s), v.opportunity_id limit :limit""";

    private static final String FROZEN = "(" + BRANCH.formatted("v.current_owner",
            "v.left_at is null and v.last_event_at <= :asOf")
            + ") union all (" + BRANCH.formatted(OwnerAtAsOf.LOOKED_UP, "v.left_at is null and v.last_event_at > :asOf")
            + ") union all (" + BRANCH.formatted(OwnerAtAsOf.SQL, "v.left_at > :asOf")
            + ") order by deadline, opportunity_id limit :limit";

    @Inject AgroalDataSource dataSource;

    public List<Row> frozen(String tenantId, Filter filter) {
        NamedSql sql = new NamedSql(FROZEN).set("tenant", tenantId).set("asOf", filter.asOf())
                .set("asOfSeconds", filter.asOf().getEpochSecond()).set("limit", filter.limit())
                .set("pipeline", filter.pipelineId()).set("stage", filter.stage()).set("owner", filter.ownerId())
                .set("afterDeadline", filter.afterDeadline()).set("afterId", filter.afterId());

        return sql.list(dataSource, row -> new Row(row.getString(1), row.getString(2), row.getString(3),
                Jdbc.instant(row, 4), row.getLong(5), row.getLong(6), row.getString(7), Jdbc.instant(row, 8),
                row.getBigDecimal(9), row.getString(10), Jdbc.stringMap(row.getString(11))));
    }
}
