package io.pipelinehealth.visit;

import io.pipelinehealth.pipeline.StageRules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * One period of an opportunity's history, from {@code enteredAt} until {@code leftAt} (null while
 * it lasts). For VISIT and SKIPPED positions {@code rules} holds the resolved standard and bands.
 * The snapshot fields (current owner, amount, currency, attributes) are as known after
 * {@code lastEventAt}, the last event applied during this period.
 */
public record Position(
        int seq,
        PositionKind kind,
        String stage,
        int stageOrder,
        Instant enteredAt,
        Instant leftAt,
        String ownerId,
        StageRules rules,
        ClosedBy closedBy,
        String nextStage,
        String currentOwner,
        Instant lastEventAt,
        BigDecimal amount,
        String currency,
        Map<String, String> attributes) {

    /** What ended a position. */
    public enum ClosedBy { EVENT, HANDOFF }

    public boolean closedAt(Instant asOf) {
        return leftAt != null && !leftAt.isAfter(asOf);
    }

    /** Actual seconds at the stage as of {@code asOf}: up to asOf while open (rule 13; working seconds, rule 15). */
    public long actualSeconds(Instant asOf) {
        Instant end = closedAt(asOf) ? leftAt : asOf;
        return rules == null ? Seconds.between(enteredAt, end)
                : rules.seconds(Seconds.epoch(enteredAt), Seconds.epoch(end));
    }

    /** Status as of {@code asOf}; only meaningful for stage visits that had begun by then. */
    public VisitStatus status(Instant asOf) {
        if (kind == PositionKind.SKIPPED) {
            return VisitStatus.SKIPPED;
        }
        long actual = actualSeconds(asOf);
        return closedAt(asOf) ? VisitStatus.closed(actual, rules) : VisitStatus.open(actual, rules);
    }
}
