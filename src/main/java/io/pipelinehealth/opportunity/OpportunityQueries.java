package io.pipelinehealth.opportunity;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.Jdbc;
import io.pipelinehealth.visit.PositionKind;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
                       case when v.last_event_at <= ? then v.current_owner
                            else coalesce((select e.owner_id from transition_event e
                                           where e.tenant_id = v.tenant_id and e.opportunity_id = v.opportunity_id
                                             and e.occurred_at >= v.entered_at and e.occurred_at <= ?
                                           order by e.occurred_at desc, e.event_id desc limit 1), v.owner_id)
                       end as owner
                from visit v
                where v.tenant_id = ? and v.kind <> 'SKIPPED' and v.entered_at <= ?
                  and (v.left_at is null or v.left_at > ?)
                  and (?::text is null or v.pipeline_id = ?)
                  and (?::text is null or v.stage = ?)
                  and v.opportunity_id > ?
            )
            select * from standing
            where (?::text is null or owner = ?)
              and (?::text is null or (kind = 'VISIT' and (? - entered_s > frozen_after_s) = (? = 'FROZEN')))
            order by opportunity_id
            limit ?
            """;

    private final AgroalDataSource dataSource;

    OpportunityQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Optional<String> pipelineOf(String tenantId, String opportunityId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select pipeline_id from opportunity where tenant_id = ? and opportunity_id = ?")) {
            query.setString(1, tenantId);
            query.setString(2, opportunityId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** A row of the list before the pipeline definition names its state. */
    public record Standing(String opportunityId, String pipelineId, PositionKind kind, String stage,
            java.time.Instant enteredAt, long elapsedSeconds, Long standardSeconds, Long frozenAfterSeconds, String ownerId) {
    }

    public List<Standing> standings(String tenantId, OpportunityFilter filter) {
        List<Standing> result = new ArrayList<>();
        Object asOf = Jdbc.timestamptz(filter.asOf());
        long asOfSeconds = filter.asOf().getEpochSecond();
        String status = filter.status() == null ? null : filter.status().name();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(STANDING)) {
            int i = 1;
            query.setObject(i++, asOf);
            query.setObject(i++, asOf);
            query.setString(i++, tenantId);
            query.setObject(i++, asOf);
            query.setObject(i++, asOf);
            query.setString(i++, filter.pipelineId());
            query.setString(i++, filter.pipelineId());
            query.setString(i++, filter.stage());
            query.setString(i++, filter.stage());
            query.setString(i++, filter.after() == null ? "" : filter.after());
            query.setString(i++, filter.ownerId());
            query.setString(i++, filter.ownerId());
            query.setString(i++, status);
            query.setLong(i++, asOfSeconds);
            query.setString(i++, status);
            query.setInt(i, filter.limit());
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
