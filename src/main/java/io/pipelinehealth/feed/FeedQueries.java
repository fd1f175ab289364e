package io.pipelinehealth.feed;

import io.agroal.api.AgroalDataSource;
import io.pipelinehealth.common.TenantContext;
import io.pipelinehealth.db.Jdbc;
import io.pipelinehealth.db.NamedSql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * SQL of the visit feed: a pipeline's stage visits in key order, or the visits changed between
 * two change numbers (V18's visit_change), read by key range. A page is found in two steps: the
 * key it ends at (an index-only scan of visit_feed_key, or of the change log), then its rows
 * between two keys, streamed as they come ({@link FeedStream}). Bounded on both sides, the row
 * query costs what the page holds: a "limit" query for a later page made PostgreSQL scan and
 * sort the whole pipeline for every page (docs/benchmarks.md, issue 22). Filters come as
 * whitelisted {@link Condition}s.
 */
@ApplicationScoped
public class FeedQueries {

    // instants as epoch microseconds: a number reads several times faster than timestamptz text
    private static final String COLUMNS = """
            v.opportunity_id, v.pipeline_id, v.kind, v.stage, v.owner_id,
            (extract(epoch from v.entered_at) * 1000000)::bigint, (extract(epoch from v.left_at) * 1000000)::bigint,
            v.entered_s, v.left_s, v.standard_s, v.working_s, v.closed_status, v.frozen_after_s""";

    @Inject AgroalDataSource dataSource;

    /**
     * What a page reads: the current visits matching the conditions ({@code changes} null), or
     * the changes numbered from {@code since} (inclusive) to {@code until} (exclusive) of one
     * pipeline, whose tombstones a rep ({@code rep} not null) gets only for visits it owned (V21).
     */
    public record Scan(String tenantId, List<Condition> conditions, Changes changes, boolean byOpportunity) {

        /** Current visits in visitKey order (OData's order: its key). */
        public Scan(String tenantId, List<Condition> conditions) {
            this(tenantId, conditions, null, false);
        }
    }

    /**
     * A position in a scan's order: the visit key, after the opportunity id when the scan goes by
     * opportunity (a full pull: then a page reads a range of the visit and opportunity primary
     * keys, and joins the page's opportunities only; in visitKey order, a random order on disk, a
     * page touched three times the heap blocks and hashed every opportunity of the tenant).
     */
    public record Key(String opportunityId, String visitKey) {

        public static final Key START = new Key("", "");
    }

    public record Changes(String pipelineId, long since, long until, String rep) {
    }

    /**
     * The change-number horizon: the xmin of a snapshot taken now. Every transaction with a lower
     * id has ended, so any change numbered below it that will ever be visible is visible to every
     * later statement, and no transaction can still write a change below it. A cursor never moves
     * past it, so a change committed later never hides below a reader's cursor (V18).
     */
    public long horizon() {
        return number("select pg_snapshot_xmin(pg_current_snapshot())::text", null, null);
    }

    /**
     * The highest change number of a tombstone of the pipeline that was pruned (V21), or -1: an
     * incremental pull from at or below it may have missed one.
     */
    public long prunedUpto(String tenantId, String pipelineId) {
        return number("""
                select coalesce((select pruned_upto::text from visit_change_pruned
                                 where tenant_id = :tenant and pipeline_id = :pipeline), '-1')""",
                tenantId, pipelineId);
    }

    private long number(String select, String tenantId, String pipelineId) {
        NamedSql sql = new NamedSql(select);
        if (tenantId != null) {
            sql.set("tenant", tenantId).set("pipeline", pipelineId);
        }
        return sql.first(dataSource, row -> Long.parseLong(row.getString(1))).orElseThrow();
    }

    /**
     * The key a page of {@code limit} items after {@code afterKey} ends at when more items follow
     * it, or null when that page is the last. Reads keys only.
     */
    public Key pageEnd(Scan scan, Key after, int limit) {
        List<String> keys = keys(scan, after, limit - 1, 2);
        return keys.size() == 4 ? new Key(keys.get(0), keys.get(1)) : null;
    }

    /** Whether the scan finds nothing at all. */
    public boolean isEmpty(Scan scan) {
        return keys(scan, Key.START, 0, 1).isEmpty();
    }

    /** The opportunity id (or "") and visit key of each row found, flat. */
    private List<String> keys(Scan scan, Key after, int skip, int count) {
        NamedSql sql = new NamedSql("select " + (scan.byOpportunity() ? "v.opportunity_id" : "''") + ", " + key(scan)
                + source(scan, false, null) + " order by " + order(scan) + " offset :skip limit :count");
        bind(sql, scan, after, null).set("skip", skip).set("count", count);
        List<String> flat = new ArrayList<>();
        sql.each(dataSource, row -> {
            flat.add(row.getString(1));
            flat.add(row.getString(2));
        });
        return flat;
    }

    private List<String> strings(NamedSql sql) {
        return sql.strings(dataSource);
    }

    /**
     * The rows after {@code afterKey} up to {@code lastKey} (inclusive; null: to the end), in key
     * order. With {@code attributeKeys} each row carries those attributes' values in that order,
     * else the attributes as JSON text.
     */
    NamedSql rows(Scan scan, Key after, Key last, List<String> attributeKeys) {
        StringBuilder select = new StringBuilder("select ").append(key(scan)).append(" as visit_key, ")
                .append(scan.changes() == null ? "false" : "not s.visible").append(" as deleted, ").append(COLUMNS);
        if (attributeKeys == null) {
            select.append(", o.attributes::text as attributes");
        } else {
            for (int i = 0; i < attributeKeys.size(); i++) {
                select.append(", o.attributes ->> :a").append(i);
            }
        }
        NamedSql sql = new NamedSql(select + source(scan, true, last) + " order by " + order(scan));
        bind(sql, scan, after, last);
        for (int i = 0; attributeKeys != null && i < attributeKeys.size(); i++) {
            sql.set("a" + i, attributeKeys.get(i));
        }
        return sql;
    }

    /**
     * A CSV page's lines as PostgreSQL writes them ({@link FeedCopy}; pipelines in calendar time):
     * the rows of {@code scan} after {@code after} up to {@code last} (null: to the end), to
     * {@code out} as they come, on a connection of the scan's tenant: row-level security holds
     * for COPY of a query as for the query. {@code lineValues}: {@link FeedCopy#lineValues}.
     */
    void copyCsv(Scan scan, Key after, Key last, int attributes, Map<String, Object> lineValues, OutputStream out)
            throws IOException {
        String rows = "select " + FeedCopy.values(key(scan), scan.changes() == null ? "false" : "not s.visible",
                attributes) + source(scan, true, last) + " order by " + order(scan);
        String select = FeedCopy.page(rows, scan.byOpportunity() ? "r.o, r.k" : "r.k", attributes);
        Map<String, Object> values = values(scan, after, last);
        values.putAll(lineValues);
        try (Connection connection = TenantContext.call(scan.tenantId(), this::connection)) {
            FeedCopy.copy(connection, FeedCopy.inline(select, values, connection), scan.byOpportunity(), out);
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    private Connection connection() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw Jdbc.failure(e);
        }
    }

    /** Current visits matching the conditions, after {@code afterKey}, in key order (OData pages). */
    public List<FeedStored> page(String tenantId, List<Condition> conditions, String afterKey, int limit) {
        Scan scan = new Scan(tenantId, conditions);
        Key after = new Key("", afterKey);
        Key last = pageEnd(scan, after, limit);
        List<FeedStored> result = new ArrayList<>();
        try (FeedStream stream = open(scan, rows(scan, after, last, null), 0)) {
            for (FeedStored row = stream.next(); row != null; row = stream.next()) {
                result.add(row);
            }
        }
        return result;
    }

    /**
     * Runs a row query in a read-only transaction of its own, with a server-side cursor read
     * {@code fetchSize} rows at a time (0: all at once), for the tenant of the scan: the stream may
     * be read after the request's own unit of work has ended (a response body is written then).
     */
    FeedStream open(Scan scan, NamedSql sql, int fetchSize) {
        return TenantContext.call(scan.tenantId(), () -> FeedStream.open(dataSource, sql, fetchSize));
    }

    private static String key(Scan scan) {
        return scan.changes() == null ? "v.visit_key" : "c.visit_key";
    }

    private static String order(Scan scan) {
        return scan.byOpportunity() ? "v.opportunity_id, v.visit_key" : key(scan);
    }

    private static String source(Scan scan, boolean rows, Key last) {
        String opportunity = rows ? "join opportunity o on o.tenant_id = v.tenant_id and o.opportunity_id = v.opportunity_id\n"
                : "";
        if (scan.byOpportunity()) {
            // the opportunity range too, or PostgreSQL hashes every opportunity for each page
            String range = (last == null ? "" : " and (v.opportunity_id, v.visit_key) <= (:lastOpportunity, :last)")
                    + (rows ? " and o.opportunity_id >= :afterOpportunity" : "")
                    + (rows && last != null ? " and o.opportunity_id <= :lastOpportunity" : "");
            return "\nfrom visit v\n" + opportunity + """
                    where v.tenant_id = :tenant and v.kind in ('VISIT', 'SKIPPED')
                      and (v.opportunity_id, v.visit_key) > (:afterOpportunity, :after)""" + range
                    + where(scan.conditions());
        }
        String upTo = last == null ? "" : " and " + key(scan) + " <= :last";
        if (scan.changes() == null) {
            return "\nfrom visit v\n" + opportunity + """
                    where v.tenant_id = :tenant and v.kind in ('VISIT', 'SKIPPED') and v.visit_key > :after""" + upTo
                    + where(scan.conditions());
        }
        // a tombstone: a changed visit that is gone, or (for a rep) no longer shown to the rep that owned it
        return "\nfrom visit_change c\n" + """
                left join visit v on v.tenant_id = c.tenant_id and v.opportunity_id = c.opportunity_id
                    and v.visit_key = c.visit_key and v.kind in ('VISIT', 'SKIPPED')
                """ + (rows ? "left " + opportunity : "") + """
                cross join lateral (select coalesce(v.visit_key is not null""" + where(scan.conditions()) + """
                , false) as visible) s
                where c.tenant_id = :tenant and c.pipeline_id = :pipeline
                  and c.changed_by >= :since::text::xid8 and c.changed_by < :until::text::xid8 and c.visit_key > :after"""
                + upTo + """

                  and (s.visible or (v.visit_key is null and :rep::text is null)
                       or (:rep::text = any(c.owners) and v.owner_id is distinct from :rep::text))
                """;
    }

    /** How many current stage visits match (OData $count). */
    public long count(String tenantId, List<Condition> conditions) {
        NamedSql sql = new NamedSql("""
                select count(*) from visit v
                where v.tenant_id = :tenant and v.kind in ('VISIT', 'SKIPPED')
                """ + where(conditions));
        bind(sql, new Scan(tenantId, conditions), Key.START, null);
        return sql.first(dataSource, row -> row.getLong(1)).orElseThrow();
    }

    /** The attribute keys of a pipeline's opportunities: the CSV's attr.* columns, known before the first row. */
    public Set<String> attributeKeys(String tenantId, String pipelineId) {
        return new TreeSet<>(strings(new NamedSql("""
                select distinct jsonb_object_keys(attributes) from opportunity
                where tenant_id = :tenant and pipeline_id = :pipeline
                """).set("tenant", tenantId).set("pipeline", pipelineId)));
    }

    /** Columns and operators come from enums, never from the request; values are bound. */
    private static String where(List<Condition> conditions) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            sql.append(" and ").append(c.column().column()).append(' ').append(c.op().sql).append(" :c").append(i);
        }
        return sql.append('\n').toString();
    }

    private static NamedSql bind(NamedSql sql, Scan scan, Key after, Key last) {
        values(scan, after, last).forEach(sql::set);
        return sql;
    }

    /** The values a scan's SQL names, for NamedSql or to inline (FeedCopy). */
    private static Map<String, Object> values(Scan scan, Key after, Key last) {
        Map<String, Object> values = new HashMap<>();
        values.put("afterOpportunity", after.opportunityId());
        values.put("after", after.visitKey());
        if (last != null) {
            values.put("lastOpportunity", last.opportunityId());
            values.put("last", last.visitKey());
        }
        List<Condition> conditions = scan.conditions();
        for (int i = 0; i < conditions.size(); i++) {
            values.put("c" + i, conditions.get(i).value());
        }
        values.put("tenant", scan.tenantId());
        Changes changes = scan.changes();
        if (changes != null) {
            values.put("pipeline", changes.pipelineId());
            values.put("since", Long.toString(changes.since()));
            values.put("until", Long.toString(changes.until()));
            values.put("rep", changes.rep());
        }
        return values;
    }
}
