package io.pipelinehealth.analytics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Benjamini–Hochberg adjusted p-values (q-values) of one family (DOMAIN rule 11): with the {@code m}
 * p-values sorted ascending, {@code q(i) = min over j >= i of m·p(j)/j}, capped at 1. Each q is
 * returned at the position of its p. The cap at 1 holds by itself: the largest q is the largest p.
 * Commons Statistics has no multiple-testing correction, and
 * the step-up rule is these few lines.
 */
final class BenjaminiHochberg {

    private BenjaminiHochberg() {
    }

    static double[] adjust(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        Arrays.setAll(order, i -> i);
        // Stable sort: tied p-values keep their input order, and get the same q anyway.
        Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] q = new double[m];
        double running = 1.0;
        for (int rank = m; rank >= 1; rank--) {
            int at = order[rank - 1];
            // m·p/m is p, written so: in doubles it can come out one unit below p, and q is never below p.
            running = Math.min(running, rank == m ? p[at] : m * p[at] / rank);
            q[at] = running;
        }
        return q;
    }
}
