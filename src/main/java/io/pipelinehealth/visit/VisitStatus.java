package io.pipelinehealth.visit;

import io.pipelinehealth.pipeline.StageRules;
import java.math.BigDecimal;

/** Status of a visit (DOMAIN rules 8 and 9). */
public enum VisitStatus {
    ON_TRACK, RUSHED, SLOW, SKIPPED, OPEN, FROZEN;

    /** Rule 8, in exact decimal arithmetic: 0.55 × 86400 is 47520, not 47519.99... */
    public static VisitStatus closed(long actualSeconds, StageRules rules) {
        BigDecimal actual = BigDecimal.valueOf(actualSeconds);
        BigDecimal standard = BigDecimal.valueOf(rules.standardSeconds());
        if (actual.compareTo(rules.rushedBelow().multiply(standard)) < 0) {
            return RUSHED;
        }
        if (actual.compareTo(rules.slowAbove().multiply(standard)) > 0) {
            return SLOW;
        }
        return ON_TRACK;
    }

    /** Rule 9: frozen strictly after frozenAfter has elapsed. */
    public static VisitStatus open(long elapsedSeconds, StageRules rules) {
        return elapsedSeconds > rules.frozenAfterSeconds() ? FROZEN : OPEN;
    }
}
