package io.pipelinehealth.handoff;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import io.pipelinehealth.visit.HandoffDirection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The SQL of hand-offs: the opportunity row lock, inserts, and the audit trail. */
@ApplicationScoped
public class HandoffStore {

    private static final String COLUMNS = """
            handoff_id, opportunity_id, pipeline_id, direction, at, reason, by_whom, stage, owner_id, automatic,
            recorded_at""";

    /** Filters of the audit trail; null means any. {@code afterAt}/{@code afterId} is the keyset position. */
    public record Filter(String pipelineId, HandoffDirection direction, Instant from, Instant to, Instant afterAt,
            Long afterId, int limit) {
    }

    @Inject AgroalDataSource dataSource;

    /** The pipeline an opportunity belongs to (it never changes), empty if unknown. */
    public Optional<String> pipelineOf(String tenantId, String opportunityId) {
        return pipeline("select pipeline_id from opportunity where tenant_id = :tenant and opportunity_id = :opportunity",
                tenantId, opportunityId);
    }

    /** Locks the opportunity row until the transaction ends. */
    public Optional<String> lockOpportunity(String tenantId, String opportunityId) {
        return pipeline(
                "select pipeline_id from opportunity where tenant_id = :tenant and opportunity_id = :opportunity for update",
                tenantId, opportunityId);
    }

    private Optional<String> pipeline(String sql, String tenantId, String opportunityId) {
        return new NamedSql(sql).set("tenant", tenantId).set("opportunity", opportunityId)
                .first(dataSource, row -> row.getString(1));
    }

    public Handoff insert(String tenantId, String opportunityId, String pipelineId, HandoffCommand command,
            Instant recordedAt) {
        return new NamedSql("""
                insert into handoff (tenant_id, opportunity_id, pipeline_id, direction, at, reason, by_whom,
                    stage, owner_id, automatic, recorded_at)
                values (:tenant, :opportunity, :pipeline, :direction, :at, :reason, :by,
                    :stage, :owner, :automatic, :recordedAt)
                returning
                """ + COLUMNS).set("tenant", tenantId).set("opportunity", opportunityId)
                .set("pipeline", pipelineId).set("direction", command.direction().name())
                .set("at", command.at()).set("reason", command.reason()).set("by", command.by())
                .set("stage", command.stage()).set("owner", command.ownerId())
                .set("automatic", command.automatic()).set("recordedAt", recordedAt)
                .first(dataSource, HandoffStore::handoff).orElseThrow();
    }

    public Optional<Handoff> find(String tenantId, long handoffId) {
        return new NamedSql("select " + COLUMNS + " from handoff where tenant_id = :tenant and handoff_id = :handoff")
                .set("tenant", tenantId).set("handoff", handoffId).first(dataSource, HandoffStore::handoff);
    }

    /** The audit trail: by (at, handoff_id), from inclusive, to exclusive. */
    public List<Handoff> page(String tenantId, Filter filter) {
        return new NamedSql("select " + COLUMNS + """
                 from handoff
                where tenant_id = :tenant
                  and (:pipeline::text is null or pipeline_id = :pipeline)
                  and (:direction::text is null or direction = :direction)
                  and (:from::timestamptz is null or at >= :from)
                  and (:to::timestamptz is null or at < :to)
                  and (:afterAt::timestamptz is null or (at, handoff_id) > (:afterAt::timestamptz, :afterId::bigint))
                order by at, handoff_id
                limit :limit
                """).set("tenant", tenantId).set("pipeline", filter.pipelineId())
                .set("direction", filter.direction() == null ? null : filter.direction().name())
                .set("from", filter.from()).set("to", filter.to()).set("afterAt", filter.afterAt())
                .set("afterId", filter.afterId() == null ? 0L : filter.afterId()).set("limit", filter.limit())
                .list(dataSource, HandoffStore::handoff);
    }

    private static Handoff handoff(ResultSet rows) throws SQLException {
        return new Handoff(rows.getLong(1), rows.getString(2), rows.getString(3),
                HandoffDirection.valueOf(rows.getString(4)), Jdbc.instant(rows, 5), rows.getString(6),
                rows.getString(7), rows.getString(8), rows.getString(9), rows.getBoolean(10), Jdbc.instant(rows, 11));
    }
}
