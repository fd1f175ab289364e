package io.pipelinehealth.analytics;

import java.math.BigDecimal;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One cell of the analytics summary (V22): a rep at a stage, or a stage. {@code buckets} counts
 * the cell's valued visits per bucket, in bucket order, which is value order; {@code valued} is
 * their total and {@code valueSum} the sum of their values (the SQL divides, as {@code avg} does).
 */
record SummaryCell(String ownerId, String stage, long visits, long onTrack, long rushed, long slow, long skipped,
        long valued, BigDecimal valueSum, NavigableMap<Integer, Long> buckets) {

    static final SummaryCell EMPTY = new SummaryCell(null, null, 0, 0, 0, 0, 0, 0, null, new TreeMap<>());

    /**
     * Where percentile_cont(q) of the cell's values lies: the ranks it interpolates between
     * (0-based, PostgreSQL's floor and ceil of q·(n − 1)) and the buckets that hold them. The rows
     * are read from the nearer end of those buckets: {@code skip} rows of the cell's rows in them
     * come before the first rank in value order, or, when {@code descending}, after the second.
     */
    record Probe(double q, long valued, long firstRow, long secondRow, int firstBucket, int secondBucket, long skip,
            boolean descending) {

        /** The lowest value of the first bucket (Long.MIN_VALUE for bucket 0, which has no bound). */
        long from(long[] thresholds, int span) {
            int bucket = firstBucket * span;
            return bucket >= 1 ? thresholds[bucket - 1] : Long.MIN_VALUE;
        }

        /** The lowest value above the second bucket (Long.MAX_VALUE when no bucket is above it). */
        long until(long[] thresholds, int span) {
            int bucket = (secondBucket + 1) * span;
            return bucket <= thresholds.length ? thresholds[bucket - 1] : Long.MAX_VALUE;
        }

        /** How many rows to read: the first rank's and, when it differs, the second's. */
        long rows() {
            return secondRow - firstRow + 1;
        }
    }

    /** The probe of percentile_cont(q); valued must be positive. */
    Probe probe(double q) {
        double position = q * (double) (valued - 1);
        long first = (long) Math.floor(position);
        long second = (long) Math.ceil(position);
        long before = 0;
        long firstBefore = 0;
        Integer firstBucket = null;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            long after = before + bucket.getValue();
            if (firstBucket == null && first < after) {
                firstBucket = bucket.getKey();
                firstBefore = before;
            }
            if (second < after) {
                long below = first - firstBefore;
                long above = after - 1 - second;
                return new Probe(q, valued, first, second, firstBucket, bucket.getKey(), Math.min(below, above),
                        above < below);
            }
            before = after;
        }
        throw new IllegalStateException("rank " + second + " beyond the " + valued + " values of " + this);
    }

    /** This cell and {@code other} as one (the same stage over two reps, say). */
    SummaryCell plus(SummaryCell other) {
        NavigableMap<Integer, Long> sum = new TreeMap<>(buckets);
        other.buckets.forEach((bucket, count) -> sum.merge(bucket, count, Long::sum));
        return new SummaryCell(null, stage, visits + other.visits, onTrack + other.onTrack, rushed + other.rushed,
                slow + other.slow, skipped + other.skipped, valued + other.valued,
                valueSum == null ? other.valueSum : other.valueSum == null ? valueSum : valueSum.add(other.valueSum), sum);
    }
}
