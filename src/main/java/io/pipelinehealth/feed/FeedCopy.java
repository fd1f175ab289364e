package io.pipelinehealth.feed;

import io.pipelinehealth.db.NamedSql;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.Utils;

/**
 * CSV lines of a feed page written by PostgreSQL: the page's row query selects each row as its
 * finished CSV line ({@link #page}), run as {@code COPY (...) TO STDOUT (format binary)}, and the
 * lines' bytes go to the response as they come, framing stripped ({@link Lines}). The service
 * builds no row object and formats no cell: with the JVM's C1-only settings that was most of a
 * page's time (docs/benchmarks.md, issue 22). The lines are byte for byte what {@link FeedCsv}
 * writes: the same neutralising and quoting of text cells, instants as {@code Instant.toString},
 * open visits as of the pull. Only for pipelines in calendar time: a working-time calendar's
 * elapsed time is Java's ({@code WorkCalendar}), so those pages are still written by FeedCsv.
 * <p>
 * Binary, because text format would escape backslashes and csv format would quote the whole
 * line. COPY takes no parameters, so the values are inlined as literals escaped by PgJDBC
 * ({@link #inline}); COPY of a query obeys row-level security like the query.
 */
final class FeedCopy {

    /**
     * A text cell as {@link FeedCsv#cell}: formula-like cells neutralised (CsvCells), others
     * quoted when they must be; one regular expression finds that most cells are plain.
     */
    private static String cell(String x) {
        return "case when " + x + " !~ '^[-=+@\\t\\r]|[,\"\\r\\n]' then " + x + " when left(" + x
                + ", 1) in ('=', '+', '-', '@', chr(9), chr(13)) then '\"''' || replace(" + x
                + ", '\"', '\"\"') || '\"' else '\"' || replace(" + x + ", '\"', '\"\"') || '\"' end";
    }

    /**
     * An instant as Instant.toString (no fraction, or 3 or 6 digits) from timestamp's text {@code x}
     * (ISO, the DateStyle PgJDBC sets), which drops trailing zeros: padded back. (A regexp_replace
     * on to_char cost four times as much: it was most of a page's time.)
     */
    private static String instant(String x) {
        return "overlay(rpad(" + x + ", case when length(" + x + ") = 19 then 19 when length(" + x
                + ") <= 23 then 23 else 26 end, '0') placing 'T' from 11 for 1) || 'Z'";
    }

    private FeedCopy() {
    }

    /**
     * The select list of the rows query under a CSV page ({@link #page}): each value the line
     * needs, computed once, as FeedRows computes it for a pipeline in calendar time.
     */
    static String values(String key, String deleted, int attributes) {
        StringBuilder select = new StringBuilder(key).append(" as k, ").append(deleted).append(" as d, ").append("""
                v.opportunity_id as o, v.stage as s, v.owner_id as w,
                (v.entered_at at time zone 'UTC')::text as e, (v.left_at at time zone 'UTC')::text as l,
                case when v.kind = 'SKIPPED' then 0 when v.left_at is not null
                     then coalesce(v.working_s, v.left_s - v.entered_s) else :now - v.entered_s end as t, v.standard_s as n,
                case when v.kind = 'SKIPPED' then 'SKIPPED' when v.left_at is not null then v.closed_status
                     when v.frozen_after_s is not null and :now - v.entered_s > v.frozen_after_s then 'FROZEN'
                     else 'OPEN' end as x""");
        for (int i = 0; i < attributes; i++) {
            select.append(", o.attributes ->> :a").append(i).append(" as a").append(i);
        }
        return select.toString();
    }

    /**
     * The CSV page's query: the rows query (select list {@link #values}, in its order) as a
     * subquery (offset 0 keeps it one: each value is computed once, not once per use in the
     * line), and each row's CSV line as {@link FeedCsv#row} writes it, or a tombstone's. The
     * visit key is md5 hex and the status a fixed word: neither can need quoting. Needs
     * {@link #lineValues}.
     */
    static String page(String rows, String order, int attributes) {
        StringBuilder line = new StringBuilder("select case when r.d then r.k || :tombstoneTail else r.k || ',' || ")
                .append(cell("r.o")).append(" || ',' || :pipelineCell || ',' || ").append(cell("r.s"))
                .append(" || ',' || coalesce(").append(cell("r.w")).append(", '') || ',' || ").append(instant("r.e"))
                .append(" || ',' || coalesce(").append(instant("r.l")).append(", '') || ',' || r.t || ',' || ")
                .append("coalesce(r.n::text, '') || ',' || coalesce((r.t - r.n)::text, '') || ',' || ")
                .append("coalesce(r.x, '') || ',' || :basisCell || ','");
        for (int i = 0; i < attributes; i++) {
            line.append(" || coalesce(").append(cell("r.a" + i)).append(", '') || ','");
        }
        return line.append(" || 'false' || chr(10) end from (").append(rows).append(" offset 0) r order by ")
                .append(order).toString();
    }

    /**
     * The values {@link #page} names besides the rows query's: the pull's instant, the page's
     * constant cells, the attribute keys (in the order of the CSV's attr columns).
     */
    static Map<String, Object> lineValues(long nowSecond, List<String> attributeKeys, String pipelineId,
            String timeBasis) {
        Map<String, Object> values = new HashMap<>();
        values.put("now", nowSecond);
        values.put("tombstoneTail", ",".repeat(12 + attributeKeys.size()) + "true\n");
        values.put("pipelineCell", FeedCsv.cell(pipelineId));
        values.put("basisCell", FeedCsv.cell(timeBasis));
        for (int i = 0; i < attributeKeys.size(); i++) {
            values.put("a" + i, attributeKeys.get(i));
        }
        return values;
    }

    /** SQL with {@code :name} parameters (NamedSql's syntax) with the values inlined as literals. */
    static String inline(String namedSql, Map<String, Object> values, Connection connection) throws SQLException {
        boolean standard = connection.unwrap(BaseConnection.class).getStandardConformingStrings();
        Matcher matcher = NamedSql.PARAMETER.matcher(namedSql);
        StringBuilder sql = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(1);
            if (!values.containsKey(name)) {
                throw new IllegalStateException("no value for :" + name);
            }
            matcher.appendReplacement(sql, Matcher.quoteReplacement(literal(values.get(name), standard)));
        }
        return matcher.appendTail(sql).toString();
    }

    private static String literal(Object value, boolean standard) throws SQLException {
        if (value == null) {
            return "null";
        }
        if (value instanceof Long || value instanceof Integer) {
            return value.toString();
        }
        String text = value instanceof Instant ? value.toString() : (String) value;
        // escapeLiteral refuses a NUL; with standard_conforming_strings off it doubles backslashes too
        String quoted = "'" + Utils.escapeLiteral(null, text, standard) + "'";
        return value instanceof Instant ? quoted + "::timestamptz" : quoted;
    }

    /**
     * Runs {@code COPY (select) TO STDOUT (format binary)} of a one-column select and writes the
     * column's bytes. With {@code indexOrder} the select runs with sorts disabled, in a transaction
     * of its own (SET LOCAL): a full pull's page is a range of visit_feed_position, already in the
     * page's order, merge-joined with the same range of opportunity_pkey; the planner estimates a
     * row-comparison range at a quarter of its rows and sorted instead (10-15 ms of a 10,000-row
     * page at 1m, docs/benchmarks.md). A sort is still used where no plan avoids it.
     */
    static void copy(Connection connection, String select, boolean indexOrder, OutputStream out)
            throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        if (indexOrder) {
            connection.setAutoCommit(false);
            try (Statement set = connection.createStatement()) {
                set.execute("set local enable_sort = off; set local enable_incremental_sort = off");
            }
        }
        CopyOut copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyOut("copy (" + select + ") to stdout (format binary)");
        Lines lines = new Lines(out);
        try {
            for (byte[] data = copy.readFromCopy(); data != null; data = copy.readFromCopy()) {
                lines.write(data);
            }
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
            if (indexOrder) {
                connection.rollback(); // it wrote nothing; this ends the settings
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /**
     * The values of COPY's binary format, one text column a row: a header (11-byte signature,
     * flags, extension length and extension), then per row a field count (2 bytes, -1 ends) and
     * the field's length (4 bytes) before its bytes. Parsed as a stream: PostgreSQL sends a row a
     * message, but nothing here relies on it.
     */
    static final class Lines {

        /** Signature (11), flags (4), extension length (4). */
        private static final int HEADER = 19;

        private final OutputStream out;
        /** The last 4 header bytes, or a row's count and length, as they are read. */
        private final byte[] fixed = new byte[6];
        private int have;
        private int headerRead;
        /** Bytes still to skip (the header's extension) or to copy (a value). */
        private long skip;
        private long value;
        private boolean ended;

        Lines(OutputStream out) {
            this.out = out;
        }

        void write(byte[] data) throws IOException {
            int i = 0;
            while (i < data.length && !ended) {
                if (headerRead < HEADER) {
                    if (headerRead >= HEADER - 4) {
                        fixed[have++] = data[i];
                    }
                    i++;
                    if (++headerRead == HEADER) {
                        skip = int32(0);
                        have = 0;
                    }
                } else if (skip > 0) {
                    int n = (int) Math.min(skip, data.length - i);
                    i += n;
                    skip -= n;
                } else if (value > 0) {
                    int n = (int) Math.min(value, data.length - i);
                    out.write(data, i, n);
                    i += n;
                    value -= n;
                } else {
                    fixed[have++] = data[i++];
                    if (have == 2 && fixed[0] == (byte) 0xff && fixed[1] == (byte) 0xff) {
                        ended = true; // the trailer: a field count of -1
                    } else if (have == 6) {
                        value = Math.max(0, int32(2)); // -1 is a null: no bytes
                        have = 0;
                    }
                }
            }
        }

        private int int32(int at) {
            return (fixed[at] & 0xff) << 24 | (fixed[at + 1] & 0xff) << 16 | (fixed[at + 2] & 0xff) << 8
                    | fixed[at + 3] & 0xff;
        }
    }
}
