package io.pipelinehealth.opportunity;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.visit.HandoffDirection;
import io.pipelinehealth.visit.Step;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Everything the view of one opportunity reads, in one statement (one round trip after the
 * connection's tenant setting): its pipeline and that pipeline row's version (for the cached
 * definition), its events and its hand-offs up to asOf. Each step is one row of a union; the
 * opportunity row alone (no step up to asOf) still names the pipeline.
 */
@ApplicationScoped
class OpportunityHistory {

    /** The history of one opportunity up to asOf. */
    record Loaded(String pipelineId, String pipelineVersion, List<Step> steps, List<OpportunityView.HandoffRow> handoffs) {
    }

    /**
     * The opportunity, its pipeline's version and its steps (none: one row of nulls). The steps are a
     * plain subquery joined on the key, each branch filtered by the parameters: Citus routes that to
     * the tenant's shard, not a lateral one (it split that over every shard, or refused it as an
     * outer join on a constant).
     */
    private static final String HISTORY = """
            select o.pipeline_id, p.xmin::text, s.at, s.event_id, s.handoff_id, s.stage, s.owner_id, s.amount,
                   s.currency, s.attributes, s.direction, s.reason, s.by_whom, s.automatic
            from opportunity o
            join pipeline p on p.tenant_id = o.tenant_id and p.pipeline_id = o.pipeline_id
            left join (
                select e.tenant_id, e.opportunity_id, e.occurred_at as at, e.event_id, null::bigint as handoff_id,
                       e.stage, e.owner_id, e.amount, e.currency, e.attributes::text as attributes,
                       null::text as direction, null::text as reason, null::text as by_whom, null::boolean as automatic
                from transition_event e
                where e.tenant_id = :tenant and e.opportunity_id = :opportunity and e.occurred_at <= :asOf
                union all
                select h.tenant_id, h.opportunity_id, h.at, null, h.handoff_id, h.stage, h.owner_id, null, null, null,
                       h.direction, h.reason, h.by_whom, h.automatic
                from handoff h
                where h.tenant_id = :tenant and h.opportunity_id = :opportunity and h.at <= :asOf
            ) s on s.tenant_id = o.tenant_id and s.opportunity_id = o.opportunity_id
            where o.tenant_id = :tenant and o.opportunity_id = :opportunity
            """;

    @Inject AgroalDataSource dataSource;

    /** Empty when the tenant has no such opportunity. */
    Optional<Loaded> load(String tenantId, String opportunityId, Instant asOf) {
        Loading loading = new Loading();
        new NamedSql(HISTORY).set("tenant", tenantId).set("opportunity", opportunityId).set("asOf", asOf)
                .each(dataSource, loading::take);
        return loading.loaded();
    }

    /** The history's rows as they are read: every row names the pipeline, the others a step each. */
    private static final class Loading {

        private String pipelineId;
        private String version;
        private final List<Step> steps = new ArrayList<>();
        private final List<OpportunityView.HandoffRow> handoffs = new ArrayList<>();

        void take(ResultSet row) throws SQLException {
            pipelineId = row.getString(1);
            version = row.getString(2);
            Instant at = Jdbc.instant(row, 3);
            if (at == null) {
                return; // the opportunity has no step up to asOf
            }
            String eventId = row.getString(4);
            if (eventId != null) {
                steps.add(new Step.Event(eventId, at, row.getString(6), row.getString(7), row.getBigDecimal(8),
                        row.getString(9), Jdbc.stringMap(row.getString(10))));
            } else {
                long handoffId = row.getLong(5);
                HandoffDirection direction = HandoffDirection.valueOf(row.getString(11));
                steps.add(new Step.Handoff(handoffId, at, direction, row.getString(6), row.getString(7)));
                handoffs.add(new OpportunityView.HandoffRow(handoffId, direction.name(), at, row.getString(12),
                        row.getString(13), row.getString(6), row.getString(7), row.getBoolean(14)));
            }
        }

        /** Empty when no row named a pipeline: the tenant has no such opportunity. */
        Optional<Loaded> loaded() {
            if (pipelineId == null) {
                return Optional.empty();
            }
            handoffs.sort(Comparator.comparing(OpportunityView.HandoffRow::at)
                    .thenComparingLong(OpportunityView.HandoffRow::handoffId));
            return Optional.of(new Loaded(pipelineId, version, steps, handoffs));
        }
    }
}
