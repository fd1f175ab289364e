package io.pipelinehealth.analytics;

import io.pipelinehealth.common.CodePointOrder;
import io.pipelinehealth.db.NamedSql;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What {@link SummarySql#CELLS} read of one pipeline: the deviation cells (a rep at a stage), the
 * actual-time cells (a stage), the visits ended by an event per stage and next stage, and the
 * bounds of the summarized visits' ends, which say whether a window holds all of them.
 */
final class SummaryCells {

    private static final Comparator<List<String>> KEY_ORDER = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int order = Comparator.nullsLast(CodePointOrder.INSTANCE).compare(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return 0;
    };

    private final List<SummaryCell> deviation = new ArrayList<>();
    private final List<SummaryCell> actual = new ArrayList<>();
    private final Map<String, Map<String, Long>> endedByEvent = new LinkedHashMap<>();
    private boolean ownerMissing;
    private Instant firstEnd;
    private Instant lastEnd;

    /** The cells {@code sql} ({@link SummarySql#CELLS}) answers, a cell's folded row and deltas summed. */
    static SummaryCells read(NamedSql sql, Connection connection) throws SQLException {
        // in the order of the key, as a sorted group by gave them (COLLATE "C", nulls last)
        Map<List<String>, Part> parts = new TreeMap<>(KEY_ORDER);
        sql.each(connection, row -> {
            Part part = Part.read(row);
            parts.merge(part.key(), part, Part::plus);
        });
        SummaryCells cells = new SummaryCells();
        parts.values().forEach(cells::add);
        return cells;
    }

    /** One row of {@link SummarySql#CELLS}, or the sum of a cell's folded row and its deltas. */
    private record Part(char measure, String ownerId, String stage, String nextStage, long visits, long onTrack,
            long rushed, long slow, long skipped, long valued, BigDecimal valueSum, Instant firstEnd, Instant lastEnd,
            NavigableMap<Integer, Long> buckets) {

        static Part read(ResultSet row) throws SQLException {
            return new Part(Character.toLowerCase(row.getString("measure").charAt(0)), row.getString("owner_id"),
                    row.getString("stage"), row.getString("next_stage"), row.getLong("n"), row.getLong("on_track"),
                    row.getLong("rushed"), row.getLong("slow"), row.getLong("skipped"), row.getLong("valued"),
                    row.getBigDecimal("value_sum"), instant(row.getObject("min_left_at", OffsetDateTime.class)),
                    instant(row.getObject("max_left_at", OffsetDateTime.class)),
                    bucketCounts(row.getArray("buckets"), row.getArray("counts")));
        }

        List<String> key() {
            return Arrays.asList(String.valueOf(measure), ownerId, stage, nextStage);
        }

        Part plus(Part other) {
            SummaryCell sum = cell().plus(other.cell());
            sum.buckets().values().removeIf(count -> count == 0);
            return new Part(measure, ownerId, stage, nextStage, sum.visits(), sum.onTrack(), sum.rushed(), sum.slow(),
                    sum.skipped(), sum.valued(), sum.valueSum(), earlier(firstEnd, other.firstEnd),
                    later(lastEnd, other.lastEnd), sum.buckets());
        }

        SummaryCell cell() {
            return new SummaryCell(ownerId, stage, visits, onTrack, rushed, slow, skipped, valued, valueSum, buckets);
        }

    }

    private void add(Part part) {
        if (part.measure() == 'd') {
            widen(part.firstEnd(), part.lastEnd());
            ownerMissing |= part.visits() != 0 && part.ownerId() == null;
        }
        if (part.visits() == 0) {
            return;
        }
        if (part.measure() == 't') {
            endedByEvent.computeIfAbsent(part.stage(), s -> new LinkedHashMap<>())
                    .merge(part.nextStage(), part.visits(), Long::sum);
            return;
        }
        (part.measure() == 'd' ? deviation : actual).add(part.cell());
    }

    /** The counts per bucket, without the buckets whose count is zero. */
    private static NavigableMap<Integer, Long> bucketCounts(Array buckets, Array counts) throws SQLException {
        NavigableMap<Integer, Long> result = new TreeMap<>();
        if (buckets == null) {
            return result;
        }
        Object[] keys = (Object[]) buckets.getArray();
        Object[] values = (Object[]) counts.getArray();
        for (int i = 0; i < keys.length; i++) {
            result.merge(((Number) keys[i]).intValue(), ((Number) values[i]).longValue(), Long::sum);
        }
        result.values().removeIf(count -> count == 0);
        return result;
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

    private static Instant earlier(Instant a, Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private void widen(Instant first, Instant last) {
        firstEnd = earlier(firstEnd, first);
        lastEnd = later(lastEnd, last);
    }

    /**
     * Whether the window holds every summarized closed visit: then the summary's figures are the
     * window's. The bounds only widen (V22), so this may say no of a window that holds all, never
     * the reverse. A visit without an owner would escape the per-rep index lookups: no, too.
     */
    boolean covers(AnalyticsWindow window) {
        if (ownerMissing) {
            return false;
        }
        if (lastEnd == null) {
            return true;
        }
        return !lastEnd.isAfter(window.asOf())
                && (window.from() == null || !firstEnd.isBefore(window.from()))
                && (window.to() == null || lastEnd.isBefore(window.to()));
    }

    List<SummaryCell> deviation() {
        return deviation;
    }

    List<SummaryCell> actual() {
        return actual;
    }

    long endedByEvent(String stage) {
        return endedByEvent.getOrDefault(stage, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Of the stage's visits ended by an event, those whose next stage comes later in {@code order}
     * and is not LOST, as StageQueries counts them (a stage outside the pipeline is never later).
     */
    long advanced(String stage, List<String> order, List<String> lost) {
        int from = order.indexOf(stage);
        long advanced = 0;
        for (Map.Entry<String, Long> next : endedByEvent.getOrDefault(stage, Map.of()).entrySet()) {
            int to = next.getKey() == null ? -1 : order.indexOf(next.getKey());
            if (from >= 0 && to > from && !lost.contains(next.getKey())) {
                advanced += next.getValue();
            }
        }
        return advanced;
    }
}
