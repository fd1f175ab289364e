package io.pipelinehealth.visit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Visit rows and opportunity snapshots as JSON arrays of objects keyed by column name. */
final class VisitRows {

    private static final JsonFactory JSON = new JsonFactory();

    private VisitRows() {
    }

    static String rows(String tenantId, String pipelineId, Map<String, PositionTail> tails) {
        return write(json -> {
            for (Map.Entry<String, PositionTail> tail : tails.entrySet()) {
                List<Position> positions = tail.getValue().positions();
                for (int i = 0; i < positions.size(); i++) {
                    Position p = positions.get(i);
                    json.writeStartObject();
                    json.writeStringField("visit_key", tail.getValue().keys().get(i)); // issue 22
                    json.writeStringField("tenant_id", tenantId);
                    json.writeStringField("opportunity_id", tail.getKey());
                    json.writeNumberField("seq", p.seq());
                    json.writeStringField("pipeline_id", pipelineId);
                    json.writeStringField("kind", p.kind().name());
                    json.writeStringField("stage", p.stage());
                    json.writeNumberField("stage_order", p.stageOrder());
                    json.writeStringField("entered_at", p.enteredAt().toString());
                    json.writeNumberField("entered_s", Seconds.epoch(p.enteredAt()));
                    if (p.leftAt() != null) {
                        json.writeStringField("left_at", p.leftAt().toString());
                        json.writeNumberField("left_s", Seconds.epoch(p.leftAt()));
                    }
                    optional(json, "owner_id", p.ownerId());
                    if (p.rules() != null) {
                        json.writeNumberField("standard_s", p.rules().standardSeconds());
                        number(json, "rushed_below", p.rules().rushedBelow());
                        number(json, "slow_above", p.rules().slowAbove());
                        json.writeNumberField("frozen_after_s", frozenSpan(p));
                    }
                    if (p.leftAt() != null) { // V22: what the analytics' indexes order closed visits by
                        long actual = Seconds.epoch(p.leftAt()) - Seconds.epoch(p.enteredAt());
                        json.writeNumberField("actual_s", actual);
                        if (p.rules() != null) {
                            json.writeNumberField("deviation_s", actual - p.rules().standardSeconds());
                        }
                    }
                    if (p.rules() != null && p.rules().calendar() != null && p.leftAt() != null) {
                        long working = p.actualSeconds(p.leftAt());
                        json.writeNumberField("working_s", working);
                        json.writeNumberField("working_deviation_s", working - p.rules().standardSeconds());
                    }
                    if (p.kind().isVisit() && p.leftAt() != null) {
                        json.writeStringField("closed_status", p.status(p.leftAt()).name());
                    }
                    optional(json, "closed_by", p.closedBy() == null ? null : p.closedBy().name());
                    optional(json, "next_stage", p.nextStage());
                    optional(json, "current_owner", p.currentOwner());
                    json.writeStringField("last_event_at", p.lastEventAt().toString());
                    json.writeEndObject();
                }
            }
        });
    }

    /** V11: with working time, the calendar span to the last second not frozen; else frozenAfter itself. */
    private static long frozenSpan(Position p) {
        long entered = Seconds.epoch(p.enteredAt());
        return p.rules().lastOpenSecond(entered) - entered;
    }

    static String snapshots(Map<String, OpportunitySnapshot> snapshots) {
        return write(json -> {
            for (Map.Entry<String, OpportunitySnapshot> entry : snapshots.entrySet()) {
                OpportunitySnapshot s = entry.getValue();
                json.writeStartObject();
                json.writeStringField("opportunity_id", entry.getKey());
                number(json, "amount", s.amount());
                optional(json, "currency", s.currency());
                json.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> attribute : s.attributes().entrySet()) {
                    json.writeStringField(attribute.getKey(), attribute.getValue());
                }
                json.writeEndObject();
                optional(json, "known_at", s.knownAt() == null ? null : s.knownAt().toString());
                json.writeEndObject();
            }
        });
    }

    private static void optional(JsonGenerator json, String name, String value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value);
        }
    }

    /** As a string: PostgreSQL reads the exact decimal, whatever its size. */
    private static void number(JsonGenerator json, String name, BigDecimal value) throws IOException {
        if (value != null) {
            json.writeStringField(name, value.toPlainString());
        }
    }

    private interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            body.write(json);
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
