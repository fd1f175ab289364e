package io.pipelinehealth.visit;

import io.pipelinehealth.db.NamedSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The visit feed's change log entries of one re-derivation (issue 22): a stage visit whose row
 * is new or shows something else (visit_feed_digest of V18) is changed; a key that was deleted
 * and not written again is a tombstone; every visit of an opportunity whose attributes changed is
 * changed too (the feed's attr columns). Written in the derivation's transaction, so the change
 * commits with the rows, and numbered by that transaction's id (V18, feed.FeedQueries). Each
 * entry adds the visit's owners before and after to its owners (V21): whose reps get its tombstone.
 */
final class VisitChanges {

    private record Row(String opportunityId, String digest, String owner) {
    }

    private final Map<String, Row> before = new HashMap<>();
    private final Map<String, Row> after = new HashMap<>();
    private final Set<String> attributesChanged = new LinkedHashSet<>();

    void before(String visitKey, String opportunityId, String digest, String owner) {
        before.put(visitKey, new Row(opportunityId, digest, owner));
    }

    /** A written visit row, or (key null) an opportunity whose attributes changed. */
    void after(String visitKey, String opportunityId, String digest, String owner) {
        if (visitKey == null) {
            attributesChanged.add(opportunityId);
        } else {
            after.put(visitKey, new Row(opportunityId, digest, owner));
        }
    }

    /**
     * This transaction's id, asked of the server the connection talks to. On Citus that is the
     * coordinator, where feed.FeedQueries reads its horizon: a pg_current_xact_id() inside the
     * upsert would run on the worker holding the shard, whose ids are another sequence.
     */
    private static String transactionId(Connection connection) throws SQLException {
        return new NamedSql("select pg_current_xact_id()::text").first(connection, row -> row.getString(1))
                .orElseThrow();
    }

    void record(Connection connection, String tenantId, String pipelineId) throws SQLException {
        List<String> keys = new ArrayList<>();
        List<String> opportunities = new ArrayList<>();
        List<Boolean> deleted = new ArrayList<>();
        List<String> owners = new ArrayList<>();
        List<String> formerOwners = new ArrayList<>();
        after.forEach((key, row) -> {
            Row old = before.get(key);
            if (old == null || !old.digest().equals(row.digest())) {
                keys.add(key);
                opportunities.add(row.opportunityId());
                deleted.add(false);
                owners.add(row.owner());
                formerOwners.add(old == null ? null : old.owner());
            }
        });
        before.forEach((key, row) -> {
            if (!after.containsKey(key)) {
                keys.add(key);
                opportunities.add(row.opportunityId());
                deleted.add(true);
                owners.add(row.owner());
                formerOwners.add(null);
            }
        });
        if (keys.isEmpty() && attributesChanged.isEmpty()) {
            return;
        }
        // a visit both rewritten and under changed attributes is written by the first part only: an
        // upsert may not touch one row twice
        new NamedSql("""
                insert into visit_change as c (tenant_id, visit_key, pipeline_id, opportunity_id, deleted, owners,
                                               changed_by, changed_at)
                select :tenant::text, k, :pipeline::text, o, d, array_remove(array[w, f], null), :changedBy::text::xid8,
                       clock_timestamp()
                from unnest(:keys, :opportunities, :deleted, :owners, :formerOwners) as t(k, o, d, w, f)
                union all
                select :tenant::text, visit_key, pipeline_id, opportunity_id, false, array_remove(array[owner_id], null),
                       :changedBy::text::xid8, clock_timestamp()
                from visit
                where tenant_id = :tenant and opportunity_id = any(:attributesChanged) and kind in ('VISIT', 'SKIPPED')
                  and not visit_key = any(:keys)
                on conflict (tenant_id, visit_key) do update
                set pipeline_id = excluded.pipeline_id, opportunity_id = excluded.opportunity_id,
                    deleted = excluded.deleted, changed_by = excluded.changed_by, changed_at = excluded.changed_at,
                    owners = array(select distinct o from unnest(c.owners || excluded.owners) as o order by o)
                """).set("tenant", tenantId).set("pipeline", pipelineId).set("changedBy", transactionId(connection))
                .array("keys", "text", keys.toArray()).array("opportunities", "text", opportunities.toArray())
                .array("deleted", "bool", deleted.toArray()).array("owners", "text", owners.toArray())
                .array("formerOwners", "text", formerOwners.toArray())
                .array("attributesChanged", "text", attributesChanged.toArray())
                .update(connection);
    }
}
