package io.pipelinehealth.ui;

import io.pipelinehealth.analytics.Evidence;
import io.pipelinehealth.analytics.RepPattern;
import java.math.BigDecimal;
import java.util.Locale;

/** Rule 11's evidence in words for people: shares as percentages, intervals, the team, the q-value. */
final class EvidenceText {

    private EvidenceText() {
    }

    static String flag(Evidence evidence) {
        return evidence == null ? "" : evidence.pattern() == RepPattern.SYSTEMATICALLY_RUSHED ? "rushed"
                : evidence.pattern() == RepPattern.SYSTEMATICALLY_SLOW ? "slow" : "";
    }

    static String shape(String flag) {
        return flag.equals("rushed") ? "▼" : flag.equals("slow") ? "▲" : "";
    }

    /**
     * "rushed 88 % (53–98) team 20 % q 0.002": the share, its 95 % interval, the team's share and q of
     * the side the rep leans to (the flag's, else the median deviation's sign), short because a heat
     * map has a cell per rep and stage; the rep's own page gives both sides in words.
     */
    static String cell(Evidence evidence, BigDecimal median) {
        if (evidence == null || evidence.rushedShare() == null) {
            return "";
        }
        boolean rushed = evidence.pattern() == RepPattern.SYSTEMATICALLY_RUSHED
                || (evidence.pattern() != RepPattern.SYSTEMATICALLY_SLOW && median != null && median.signum() < 0);
        return rushed
                ? side("rushed", evidence.rushedShare(), evidence.rushedShareLow(), evidence.rushedShareHigh(),
                        evidence.teamRushedShare(), evidence.rushedQ())
                : side("slow", evidence.slowShare(), evidence.slowShareLow(), evidence.slowShareHigh(),
                        evidence.teamSlowShare(), evidence.slowQ());
    }

    private static String side(String kind, Double share, Double low, Double high, Double team, Double q) {
        return kind + " " + percent(share) + " (" + Math.round(low * 100) + "–" + Math.round(high * 100) + ") team "
                + (team == null ? "none" : percent(team)) + (q == null ? " untested" : " q " + q(q));
    }

    static String percent(Double share) {
        return share == null ? "–" : Math.round(share * 100) + " %";
    }

    static String q(double q) {
        return q < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", q);
    }
}
