package io.pipelinehealth.analytics;

import java.math.BigDecimal;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One cell of the analytics summary (V22): a rep at a stage, or a stage. {@code buckets} counts
 * the cell's valued visits per bucket, in bucket order, which is value order; {@code valued} is
 * their total, {@code mean} their mean value as SQL's {@code avg} gives it.
 */
record SummaryCell(String ownerId, String stage, long visits, long onTrack, long rushed, long slow, long skipped,
        long valued, BigDecimal mean, NavigableMap<Integer, Long> buckets) {

    static final SummaryCell EMPTY = new SummaryCell(null, null, 0, 0, 0, 0, 0, 0, null, new TreeMap<>());

    /**
     * Where percentile_cont(q) of the cell's values lies: the ranks it interpolates between
     * (0-based, PostgreSQL's floor and ceil of q·(n − 1)), the buckets that hold them, and how many
     * of the cell's rows of the first bucket come before the first rank.
     */
    record Probe(double q, long valued, long firstRow, long secondRow, int firstBucket, int secondBucket, long skip) {

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
    }

    /** The probe of percentile_cont(q); valued must be positive. */
    Probe probe(double q) {
        double position = q * (double) (valued - 1);
        long first = (long) Math.floor(position);
        long second = (long) Math.ceil(position);
        long before = 0;
        Integer firstBucket = null;
        long skip = 0;
        for (Map.Entry<Integer, Long> bucket : buckets.entrySet()) {
            long after = before + bucket.getValue();
            if (firstBucket == null && first < after) {
                firstBucket = bucket.getKey();
                skip = first - before;
            }
            if (second < after) {
                return new Probe(q, valued, first, second, firstBucket, bucket.getKey(), skip);
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
                slow + other.slow, skipped + other.skipped, valued + other.valued, null, sum);
    }
}
