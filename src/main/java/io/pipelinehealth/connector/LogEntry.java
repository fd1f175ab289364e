package io.pipelinehealth.connector;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One line of a connector's log: {@code source} names what arrived (a HubSpot event, a Pipedrive
 * deal change, a line of an export), {@code outcome} what it became, {@code detail} why.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LogEntry(long id, Instant at, String source, Outcome outcome, String eventId, String opportunityId,
        String detail) {

    /** STORED and DUPLICATE went through ingest; NOTED was kept for later events; IGNORED and REFUSED were not stored. */
    public enum Outcome {
        STORED, DUPLICATE, NOTED, IGNORED, REFUSED
    }
}
