package io.pipelinehealth.webhook;

import java.util.List;

/** The event types a subscription may ask for. */
public final class WebhookEvents {

    public static final String FROZEN = "opportunity.frozen";
    public static final String HANDED_TO_NURTURING = "opportunity.handed_to_nurturing";
    public static final String RETURNED_TO_SALES = "opportunity.returned_to_sales";
    public static final String DISQUALIFIED = "opportunity.disqualified";

    public static final List<String> ALL = List.of(FROZEN, HANDED_TO_NURTURING, RETURNED_TO_SALES, DISQUALIFIED);

    private WebhookEvents() {
    }
}
