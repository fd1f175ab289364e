package io.pipelinehealth.opportunity;

import io.pipelinehealth.pipeline.Pipeline;
import io.pipelinehealth.pipeline.Stage;
import io.pipelinehealth.pipeline.StageKind;
import io.pipelinehealth.visit.PositionKind;

public enum OpportunityState {
    OPEN, WON, LOST, NURTURING, DISQUALIFIED;

    /** The state an opportunity is in while at a position of this kind and stage. */
    public static OpportunityState of(PositionKind kind, String stage, Pipeline pipeline) {
        return switch (kind) {
            case VISIT, SKIPPED -> OPEN;
            case NURTURING -> NURTURING;
            case DISQUALIFIED -> DISQUALIFIED;
            case CLOSED -> pipeline.stage(stage).map(Stage::kind).orElse(StageKind.LOST) == StageKind.WON ? WON : LOST;
        };
    }
}
