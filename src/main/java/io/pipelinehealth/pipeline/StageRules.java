package io.pipelinehealth.pipeline;

import java.math.BigDecimal;

/** The standard and bands that apply to one visit once overrides are resolved. */
public record StageRules(long standardSeconds, BigDecimal rushedBelow, BigDecimal slowAbove, long frozenAfterSeconds) {
}
