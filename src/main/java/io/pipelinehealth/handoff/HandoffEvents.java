package io.pipelinehealth.handoff;

import io.pipelinehealth.visit.HandoffDirection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The webhook event a hand-off emits, and its data. */
public final class HandoffEvents {

    private HandoffEvents() {
    }

    public static String type(HandoffDirection direction) {
        return switch (direction) {
            case TO_NURTURING -> "opportunity.handed_to_nurturing";
            case TO_SALES -> "opportunity.returned_to_sales";
            case DISQUALIFY -> "opportunity.disqualified";
        };
    }

    static Map<String, Object> data(Handoff handoff) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("opportunityId", handoff.opportunityId());
        data.put("pipelineId", handoff.pipelineId());
        data.put("handoffId", handoff.handoffId());
        data.put("direction", handoff.direction().name());
        data.put("at", handoff.at().toString());
        data.put("reason", handoff.reason());
        data.put("by", handoff.by());
        data.put("stage", handoff.stage());
        data.put("ownerId", handoff.ownerId());
        data.put("automatic", handoff.automatic());
        return data;
    }
}
