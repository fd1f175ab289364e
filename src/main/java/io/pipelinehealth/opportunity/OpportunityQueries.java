package io.pipelinehealth.opportunity;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.visit.OwnerAtAsOf;
import io.pipelinehealth.visit.PositionKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;

/** SQL over the stored visit rows for lists of opportunities. */
@ApplicationScoped
public class OpportunityQueries {

    /**
     * The row each opportunity stands in at asOf. Its current owner is the row's snapshot unless
     * a step of the same row came after asOf; then the owner of the latest event up to asOf in
     * the row (or the row's entering owner) is looked up.
     */
    private static final String STANDING = """
            with standing as (
                select v.opportunity_id, v.pipeline_id, v.kind, v.stage, v.entered_at, v.entered_s,
                       v.standard_s, v.frozen_after_s,
                       %s as owner
                from visit v
                where v.tenant_id = :tenant and v.kind <> 'SKIPPED' and v.entered_at <= :asOf
                  and (v.left_at is null or v.left_at > :asOf)
                  and (:pipeline::text is null or v.pipeline_id = :pipeline)
                  and (:stage::text is null or v.stage = :stage)
                  and v.opportunity_id > :after
            )
            select * from standing
            where (:owner::text is null or owner = :owner)
              and (:status::text is null or (kind = 'VISIT' and (:asOfSeconds - entered_s > frozen_after_s) = (:status = 'FROZEN')))
            order by opportunity_id
            limit :limit
            """.formatted(OwnerAtAsOf.SQL);

    @Inject AgroalDataSource dataSource;

    /** A row of the list before the pipeline definition names its state. */
    public record Standing(String opportunityId, String pipelineId, PositionKind kind, String stage,
            Instant enteredAt, long elapsedSeconds, Long standardSeconds, Long frozenAfterSeconds, String ownerId) {
    }

    public List<Standing> standings(String tenantId, OpportunityFilter filter) {
        long asOfSeconds = filter.asOf().getEpochSecond();
        NamedSql sql = new NamedSql(STANDING).set("tenant", tenantId).set("asOf", filter.asOf())
                .set("asOfSeconds", asOfSeconds).set("pipeline", filter.pipelineId()).set("stage", filter.stage())
                .set("after", filter.after() == null ? "" : filter.after()).set("owner", filter.ownerId())
                .set("status", filter.status() == null ? null : filter.status().name()).set("limit", filter.limit());
        return sql.list(dataSource, row -> {
            long standard = row.getLong("standard_s");
            boolean hasStandard = !row.wasNull();
            long frozenAfter = row.getLong("frozen_after_s");
            return new Standing(row.getString("opportunity_id"), row.getString("pipeline_id"),
                    PositionKind.valueOf(row.getString("kind")), row.getString("stage"),
                    Jdbc.instant(row, row.findColumn("entered_at")), asOfSeconds - row.getLong("entered_s"),
                    hasStandard ? standard : null, hasStandard ? frozenAfter : null, row.getString("owner"));
        });
    }
}
