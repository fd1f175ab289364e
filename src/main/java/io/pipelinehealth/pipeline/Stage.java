package io.pipelinehealth.pipeline;

import java.math.BigDecimal;

/**
 * One stage of a pipeline as the service uses it. Durations are whole seconds; terminal stages
 * carry no standard, bands or frozen threshold (all null).
 */
public record Stage(
        String key,
        String name,
        StageKind kind,
        int order,
        Long standardSeconds,
        BigDecimal rushedBelow,
        BigDecimal slowAbove,
        Long frozenAfterSeconds) {

    public static final BigDecimal DEFAULT_RUSHED_BELOW = new BigDecimal("0.5");
    public static final BigDecimal DEFAULT_SLOW_ABOVE = new BigDecimal("1.5");
}
