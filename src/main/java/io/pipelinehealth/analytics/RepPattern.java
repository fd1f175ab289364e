package io.pipelinehealth.analytics;

/** DOMAIN rule 11: whether a rep's deviation at a stage repeats. */
public enum RepPattern {
    NONE, SYSTEMATICALLY_RUSHED, SYSTEMATICALLY_SLOW
}
