package io.pipelinehealth.visit;

/** The moves between sales and marketing nurturing (DOMAIN rule 12). */
public enum HandoffDirection {
    TO_NURTURING, TO_SALES, DISQUALIFY
}
