package io.pipelinehealth.analytics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Where a percentile's two rows lie among a cell's bucket counts (plain logic, no database). */
class SummaryCellTest {

    /** Buckets 3, 5 and 9 hold 2, 3 and 1 values: ranks 0-1, 2-4 and 5. */
    private static final SummaryCell CELL = new SummaryCell("ana", "qualify", 6, 0, 0, 0, 0, 6, null,
            new TreeMap<>(Map.of(3, 2L, 5, 3L, 9, 1L)));

    @Test
    void medianOfSixInterpolatesRanksTwoAndThreeInOneBucket() {
        SummaryCell.Probe median = CELL.probe(0.5); // 0.5 x 5 = 2.5
        assertEquals(2, median.firstRow());
        assertEquals(3, median.secondRow());
        assertEquals(5, median.firstBucket());
        assertEquals(5, median.secondBucket());
        assertEquals(0, median.skip(), "rank 2 is the first value of bucket 5");
        assertEquals(false, median.descending());
        assertEquals(2, median.rows());
    }

    @Test
    void ranksAcrossABucketEdgeNameBothBuckets() {
        SummaryCell.Probe p90 = CELL.probe(0.9); // 0.9 x 5 = 4.5: ranks 4 and 5
        assertEquals(5, p90.firstBucket());
        assertEquals(9, p90.secondBucket());
        assertEquals(0, p90.skip(), "rank 5 is the last of buckets 5 to 9, so they are read downwards");
        assertEquals(true, p90.descending());
        SummaryCell.Probe exact = CELL.probe(0.2); // 0.2 x 5 = 1.0: rank 1 alone
        assertEquals(1, exact.firstRow());
        assertEquals(1, exact.secondRow());
        assertEquals(3, exact.firstBucket());
        assertEquals(0, exact.skip(), "rank 1 is the last of bucket 3");
        assertEquals(true, exact.descending());
        assertEquals(1, exact.rows());
    }

    @Test
    void aRankNearerTheTopOfItsBucketIsReadDownwards() {
        SummaryCell wide = new SummaryCell("ana", "qualify", 100, 0, 0, 0, 0, 100, null,
                new TreeMap<>(Map.of(1, 10L, 2, 80L, 3, 10L)));
        SummaryCell.Probe p20 = wide.probe(0.2); // 0.2 x 99 = 19.8: ranks 19 and 20 of bucket 2 (ranks 10-89)
        assertEquals(false, p20.descending());
        assertEquals(9, p20.skip(), "ranks 10 to 18 come first");
        SummaryCell.Probe p80 = wide.probe(0.8); // 79.2: ranks 79 and 80
        assertEquals(true, p80.descending());
        assertEquals(9, p80.skip(), "ranks 81 to 89 come first from the top");
        assertEquals(2, p80.rows());
    }

    @Test
    void boundsAreTheThresholdsOfTheSpannedBuckets() {
        long[] thresholds = {-10, -1, 0, 1, 10, 100, 1000, 10000};
        SummaryCell.Probe p90 = CELL.probe(0.9);
        // width_bucket: bucket i holds thresholds[i] <= v < thresholds[i + 1], counted from 1
        assertEquals(10, p90.from(thresholds, 1), "bucket 5 starts at the fifth threshold");
        assertEquals(Long.MAX_VALUE, p90.until(thresholds, 1), "nothing above bucket 9 of 8 thresholds");
        SummaryCell first = new SummaryCell(null, "s", 1, 0, 0, 0, 0, 1, null, new TreeMap<>(Map.of(0, 1L)));
        assertEquals(Long.MIN_VALUE, first.probe(0.5).from(thresholds, 4), "bucket 0 has no lower bound");
        assertEquals(1, first.probe(0.5).until(thresholds, 4), "bucket 0 of span 4 ends where bucket 4 starts");
    }
}
