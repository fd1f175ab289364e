package io.pipelinehealth.pipeline;

import java.math.BigDecimal;
import java.util.Map;

/** A local standard for one stage, used when all its {@code when} pairs match (DOMAIN rule 7). */
public record StageOverride(
        Map<String, String> when,
        String stage,
        Long standardSeconds,
        BigDecimal rushedBelow,
        BigDecimal slowAbove,
        Long frozenAfterSeconds) {

    boolean matches(Map<String, String> attributes) {
        for (Map.Entry<String, String> pair : when.entrySet()) {
            if (!pair.getValue().equals(attributes.get(pair.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
