package io.pipelinehealth.visit;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes the derived positions of opportunities. Rows go in as one JSON array whose objects are
 * keyed by column name ({@code jsonb_populate_recordset} over the visit row type): no list of
 * columns to keep in step with a list of values, so a reordered line cannot shift a value into
 * the wrong column.
 */
@ApplicationScoped
public class VisitStore {

    @Inject AgroalDataSource dataSource;
    @Inject PendingSummaries pendingSummaries;

    /**
     * Replaces the stored positions of the given opportunities (all of one pipeline) from each one's
     * tail on, and records in the same transaction which stage visits the visit feed must report
     * again (issue 22, {@link VisitChanges}).
     */
    public void replaceTails(String tenantId, String pipelineId, Map<String, PositionTail> tails,
            Map<String, OpportunitySnapshot> snapshots) {
        if (tails.isEmpty()) {
            return;
        }
        String[] opportunities = tails.keySet().toArray(String[]::new);
        Integer[] fromSeq = tails.values().stream().map(PositionTail::fromSeq).toArray(Integer[]::new);
        VisitChanges changes = new VisitChanges();
        try (Connection connection = dataSource.getConnection()) {
            new NamedSql("""
                    with gone as (
                        delete from visit v
                        using unnest(:opportunities, :fromSeq) as t(opportunity_id, from_seq)
                        where v.tenant_id = :tenant and v.opportunity_id = t.opportunity_id and v.seq >= t.from_seq
                        returning v.*
                    ),
                    %s
                    select visit_key, opportunity_id, %s as digest, owner_id from gone
                    where kind in ('VISIT', 'SKIPPED')
                    """.formatted(SummaryDeltas.cte("removed", "gone", -1), digest("gone")))
                    .set("tenant", tenantId).array("opportunities", "text", opportunities)
                    .array("fromSeq", "int4", fromSeq)
                    .each(connection, row -> changes.before(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4)));
            new NamedSql("""
                    with snapshot as (
                        update opportunity o
                        set amount = s.amount, currency = s.currency, attributes = s.attributes, known_at = s.known_at
                        from jsonb_to_recordset(cast(:snapshots as jsonb))
                            as s(opportunity_id text, amount numeric, currency text, attributes jsonb,
                                 known_at timestamptz),
                            opportunity old
                        where o.tenant_id = :tenant and o.opportunity_id = s.opportunity_id
                          and old.tenant_id = o.tenant_id and old.opportunity_id = o.opportunity_id
                        returning o.opportunity_id, old.attributes is distinct from o.attributes as attributes_changed
                    ),
                    added as (
                        insert into visit select * from jsonb_populate_recordset(null::visit, cast(:rows as jsonb))
                        returning *
                    ),
                    %s
                    select visit_key, opportunity_id, %s as digest, owner_id from added
                    where kind in ('VISIT', 'SKIPPED')
                    union all
                    select null, opportunity_id, null, null from snapshot where attributes_changed
                    """.formatted(SummaryDeltas.cte("written", "added", 1), digest("added")))
                    .set("tenant", tenantId).set("snapshots", VisitRows.snapshots(snapshots))
                    .set("rows", VisitRows.rows(tenantId, pipelineId, tails))
                    .each(connection, row -> changes.after(row.getString(1), row.getString(2), row.getString(3),
                            row.getString(4)));
            changes.record(connection, tenantId, pipelineId);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
        pendingSummaries.written(tenantId);
    }

    /**
     * What the feed shows of a visit row, as one digest (issue 22): the expression of V18's
     * visit_feed_digest(visit), written out over columns and computed over what the statement
     * returns, not in its RETURNING clause. On Citus a whole-row argument does not survive (the
     * statement a worker runs names the shard, visit_102008, whose row type no function takes), and
     * RETURNING may not call a function that is not immutable (timestamptz as text is stable).
     */
    private static String digest(String alias) {
        return ("md5(row(%1$s.kind, %1$s.stage, %1$s.entered_at, %1$s.left_at, %1$s.owner_id, %1$s.standard_s,"
                + " %1$s.rushed_below, %1$s.slow_above, %1$s.frozen_after_s, %1$s.working_s, %1$s.closed_status)::text)")
                .formatted(alias);
    }

    /** Stages that events or hand-offs of this pipeline use: those may not be removed from it. */
    public Set<String> stagesInUse(String tenantId, String pipelineId) {
        return new TreeSet<>(strings(new NamedSql("""
                select distinct stage from visit
                where tenant_id = :tenant and pipeline_id = :pipeline and kind in ('VISIT', 'CLOSED')
                """).set("tenant", tenantId).set("pipeline", pipelineId)));
    }

    /** A page of a pipeline's opportunities in id order, locked until the transaction ends. */
    public List<String> lockOpportunities(String tenantId, String pipelineId, String after, int limit) {
        return strings(new NamedSql("""
                select opportunity_id from opportunity
                where tenant_id = :tenant and pipeline_id = :pipeline and opportunity_id > :after
                order by opportunity_id limit :limit for update
                """).set("tenant", tenantId).set("pipeline", pipelineId).set("after", after).set("limit", limit));
    }

    private List<String> strings(NamedSql sql) {
        return sql.strings(dataSource);
    }
}
