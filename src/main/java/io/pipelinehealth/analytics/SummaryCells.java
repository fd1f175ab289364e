package io.pipelinehealth.analytics;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    private final List<SummaryCell> deviation = new ArrayList<>();
    private final List<SummaryCell> actual = new ArrayList<>();
    private final Map<String, Map<String, Long>> endedByEvent = new LinkedHashMap<>();
    private boolean ownerMissing;
    private Instant firstEnd;
    private Instant lastEnd;

    static SummaryCells read(ResultSet rows) throws SQLException {
        SummaryCells cells = new SummaryCells();
        while (rows.next()) {
            cells.add(rows);
        }
        return cells;
    }

    private void add(ResultSet row) throws SQLException {
        char measure = Character.toLowerCase(row.getString("measure").charAt(0));
        long visits = row.getLong("n");
        String owner = row.getString("owner_id");
        String stage = row.getString("stage");
        if (measure == 'd') {
            widen(row.getObject("min_left_at", OffsetDateTime.class), row.getObject("max_left_at", OffsetDateTime.class));
            ownerMissing |= visits != 0 && owner == null;
        }
        if (visits == 0) {
            return;
        }
        if (measure == 't') {
            endedByEvent.computeIfAbsent(stage, s -> new LinkedHashMap<>()).merge(row.getString("next_stage"), visits,
                    Long::sum);
            return;
        }
        SummaryCell cell = new SummaryCell(owner, stage, visits, row.getLong("on_track"), row.getLong("rushed"),
                row.getLong("slow"), row.getLong("skipped"), row.getLong("valued"), row.getBigDecimal("mean"),
                buckets(row.getArray("buckets"), row.getArray("counts")));
        (measure == 'd' ? deviation : actual).add(cell);
    }

    /** The counts per bucket; a bucket listed twice (folded and delta) counts once, with both counts. */
    private static NavigableMap<Integer, Long> buckets(Array buckets, Array counts) throws SQLException {
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

    private void widen(OffsetDateTime first, OffsetDateTime last) {
        if (first != null && (firstEnd == null || first.toInstant().isBefore(firstEnd))) {
            firstEnd = first.toInstant();
        }
        if (last != null && (lastEnd == null || last.toInstant().isAfter(lastEnd))) {
            lastEnd = last.toInstant();
        }
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
