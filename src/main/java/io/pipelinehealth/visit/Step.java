package io.pipelinehealth.visit;

import io.pipelinehealth.common.CodePointOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

/** One thing that happened to an opportunity: a CRM stage event or a hand-off. */
public sealed interface Step permits Step.Event, Step.Handoff {

    Instant at();

    /**
     * Rule 1: by instant; at the same instant events before hand-offs; events by eventId in
     * code point order, hand-offs in the order they were recorded.
     */
    Comparator<Step> ORDER = Comparator.comparing(Step::at)
            .thenComparingInt(step -> step instanceof Event ? 0 : 1)
            .thenComparing((a, b) -> a instanceof Event ea && b instanceof Event eb
                    ? CodePointOrder.INSTANCE.compare(ea.eventId(), eb.eventId())
                    : Long.compare(((Handoff) a).sequence(), ((Handoff) b).sequence()));

    record Event(
            String eventId,
            Instant at,
            String stage,
            String ownerId,
            BigDecimal amount,
            String currency,
            Map<String, String> attributes) implements Step {
    }

    /** {@code stage} and {@code ownerId} are set for TO_SALES only. */
    record Handoff(long sequence, Instant at, HandoffDirection direction, String stage, String ownerId) implements Step {
    }
}
