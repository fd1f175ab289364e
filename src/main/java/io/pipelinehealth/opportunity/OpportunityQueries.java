package io.pipelinehealth.opportunity;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.visit.OwnerAtAsOf;
import io.pipelinehealth.visit.PositionKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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
        List<Standing> result = new ArrayList<>();
        long asOfSeconds = filter.asOf().getEpochSecond();
        NamedSql sql = new NamedSql(STANDING).set("tenant", tenantId).set("asOf", filter.asOf())
                .set("asOfSeconds", asOfSeconds).set("pipeline", filter.pipelineId()).set("stage", filter.stage())
                .set("after", filter.after() == null ? "" : filter.after()).set("owner", filter.ownerId())
                .set("status", filter.status() == null ? null : filter.status().name()).set("limit", filter.limit());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = sql.prepare(connection)) {
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long standard = rows.getLong("standard_s");
                    boolean hasStandard = !rows.wasNull();
                    long frozenAfter = rows.getLong("frozen_after_s");
                    result.add(new Standing(rows.getString("opportunity_id"), rows.getString("pipeline_id"),
                            PositionKind.valueOf(rows.getString("kind")), rows.getString("stage"),
                            Jdbc.instant(rows, rows.findColumn("entered_at")),
                            asOfSeconds - rows.getLong("entered_s"),
                            hasStandard ? standard : null, hasStandard ? frozenAfter : null, rows.getString("owner")));
                }
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        return result;
    }
}
