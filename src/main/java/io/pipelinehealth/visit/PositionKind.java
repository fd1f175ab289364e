package io.pipelinehealth.visit;

/**
 * Where an opportunity stands during one period of its history. VISIT and SKIPPED are stage
 * visits (SKIPPED ones last zero seconds); the others are periods that belong to no stage visit.
 */
public enum PositionKind {
    VISIT, SKIPPED, CLOSED, NURTURING, DISQUALIFIED;

    public boolean isVisit() {
        return this == VISIT || this == SKIPPED;
    }
}
