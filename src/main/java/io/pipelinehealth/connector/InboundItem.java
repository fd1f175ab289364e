package io.pipelinehealth.connector;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Something an inbound request carried that was not stored: {@code source} names it (a HubSpot
 * event id, a Pipedrive deal, {@code line} of an export), {@code reason} says why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InboundItem(String source, Integer line, String reason) {
}
