package io.pipelinehealth.bench;

import io.pipelinehealth.bench.Generator.Event;
import java.time.Instant;
import java.util.List;

/** The same events as the service's JSON, the service's CSV, and COPY's CSV for the plain table. */
final class Formats {

    static final String CSV_HEADER =
            "eventId,opportunityId,pipelineId,stage,occurredAt,ownerId,amount,currency,attr.region,attr.segment\n";

    private Formats() {
    }

    /** Ids, stages and attribute values are plain ASCII from the generator: nothing to escape. */
    static String json(List<Event> events) {
        StringBuilder b = new StringBuilder(events.size() * 260).append('[');
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            b.append(i == 0 ? "{" : ",{")
                    .append("\"eventId\":\"").append(e.eventId())
                    .append("\",\"opportunityId\":\"").append(e.opportunityId())
                    .append("\",\"pipelineId\":\"").append(e.pipelineId())
                    .append("\",\"stage\":\"").append(e.stage())
                    .append("\",\"occurredAt\":\"").append(Instant.ofEpochSecond(e.epochSecond()))
                    .append("\",\"ownerId\":\"").append(e.ownerId())
                    .append("\",\"amount\":").append(e.amount())
                    .append(",\"currency\":\"").append(e.currency())
                    .append("\",\"attributes\":{\"region\":\"").append(e.region())
                    .append("\",\"segment\":\"").append(e.segment()).append("\"}}");
        }
        return b.append(']').toString();
    }

    static String csv(List<Event> events) {
        StringBuilder b = new StringBuilder(events.size() * 140).append(CSV_HEADER);
        for (Event e : events) {
            b.append(e.eventId()).append(',').append(e.opportunityId()).append(',').append(e.pipelineId())
                    .append(',').append(e.stage()).append(',').append(Instant.ofEpochSecond(e.epochSecond()))
                    .append(',').append(e.ownerId()).append(',').append(e.amount()).append(',')
                    .append(e.currency()).append(',').append(e.region()).append(',').append(e.segment())
                    .append('\n');
        }
        return b.toString();
    }

    /** COPY bench_event (event_id, opportunity_id, pipeline_id, stage, occurred_at, owner_id, amount, currency, attributes) FROM STDIN (FORMAT csv). */
    static String copyCsv(List<Event> events) {
        StringBuilder b = new StringBuilder(events.size() * 160);
        for (Event e : events) {
            b.append(e.eventId()).append(',').append(e.opportunityId()).append(',').append(e.pipelineId())
                    .append(',').append(e.stage()).append(',').append(Instant.ofEpochSecond(e.epochSecond()))
                    .append(',').append(e.ownerId()).append(',').append(e.amount()).append(',')
                    .append(e.currency()).append(",\"{\"\"region\"\": \"\"").append(e.region())
                    .append("\"\", \"\"segment\"\": \"\"").append(e.segment()).append("\"\"}\"\n");
        }
        return b.toString();
    }
}
