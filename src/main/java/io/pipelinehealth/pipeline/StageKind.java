package io.pipelinehealth.pipeline;

/** OPEN stages are worked by sales and have a standard; WON and LOST close the opportunity. */
public enum StageKind {
    OPEN, WON, LOST;

    public boolean terminal() {
        return this != OPEN;
    }
}
