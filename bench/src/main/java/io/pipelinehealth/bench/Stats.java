package io.pipelinehealth.bench;

import java.util.Arrays;
import java.util.List;

/** Percentiles (linear interpolation between closest ranks) and "median (min-max)" over runs. */
final class Stats {

    private Stats() {
    }

    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    static double percentile(List<Double> values, double p) {
        return percentile(values.stream().mapToDouble(Double::doubleValue).toArray(), p);
    }

    static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    /** "12.3 (11.0–14.1)": median of the runs with min and max; a single run shows just its value. */
    static String runs(List<Double> values, String format) {
        if (values.isEmpty()) {
            return "–";
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        String median = String.format(format, median(values));
        return values.size() == 1 ? median
                : median + " (" + String.format(format, min) + "–" + String.format(format, max) + ")";
    }
}
