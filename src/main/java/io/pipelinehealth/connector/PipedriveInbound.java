package io.pipelinehealth.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.transition.TransitionInput;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Pipedrive webhook v2 deal event to transitions: the deal's first stage when it is created, its
 * new stage when {@code previous} holds a {@code stage_id}, and {@code status:won} / {@code status:lost}
 * when its status turns won or lost (docs/connectors.md, Pipedrive).
 */
final class PipedriveInbound {

    /** Pipedrive's v1 time format (UTC), still found in v2 payloads of older accounts. */
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

    private PipedriveInbound() {
    }

    static Outcomes translate(ConnectorStore.Stored c, JsonNode body) {
        if (!body.isObject() || !body.path("meta").isObject()) {
            throw CrmJson.malformed("a Pipedrive webhook body is an object with meta, data and previous");
        }
        JsonNode meta = body.get("meta");
        JsonNode data = body.path("data");
        JsonNode previous = body.path("previous");
        String action = CrmJson.text(meta, "action");
        String entity = CrmJson.text(meta, "entity");
        String dealId = CrmJson.text(data, "id") != null ? CrmJson.text(data, "id") : CrmJson.text(meta, "entity_id");
        String company = CrmJson.text(meta, "company_id");
        Outcomes out = new Outcomes();
        out.received = 1;
        String source = "pipedrive " + (entity == null ? "event" : entity) + " " + (dealId == null ? "" : dealId)
                + " " + (action == null ? "" : action);
        source = source.strip();
        if (!"deal".equals(entity)) {
            out.ignored(source, null, null, "entity " + entity + " is not read by this connector; subscribe to deal events");
            return out;
        }
        boolean created = "create".equals(action) || "added".equals(action);
        boolean changed = "change".equals(action) || "updated".equals(action);
        if (!created && !changed) {
            out.ignored(source, null, dealId, "action " + action + " records no transition");
            return out;
        }
        List<FieldError> errors = new ArrayList<>();
        if (!data.isObject()) {
            errors.add(FieldError.of("data", "is required for a deal " + action));
        }
        if (dealId == null) {
            errors.add(FieldError.of("data.id", "is required"));
        }
        if (company == null) {
            errors.add(FieldError.of("meta.company_id", "is required"));
        }
        if (!errors.isEmpty()) {
            throw CrmJson.malformed(errors.size() + " problem(s) in the Pipedrive event; nothing was stored", errors);
        }
        String stageId = CrmJson.text(data, "stage_id");
        String status = CrmJson.text(data, "status");
        boolean stageMoved = previous.isObject() && previous.has("stage_id");
        boolean statusTurned = previous.isObject() && previous.has("status") && ("won".equals(status) || "lost".equals(status))
                && !status.equals(CrmJson.text(previous, "status"));
        if (created || stageMoved) {
            String at = CrmJson.text(data, "stage_change_time") != null ? "stage_change_time" : "add_time";
            if (changed && CrmJson.text(data, "stage_change_time") == null) {
                at = "update_time";
            }
            transition(c, data, company, dealId, stageId, at, source, out, null);
        }
        if (statusTurned) {
            transition(c, data, company, dealId, "status:" + status, "update_time", source, out, stageId);
        }
        if (!created && !stageMoved && !statusTurned) {
            out.ignored(source, null, dealId, "neither the stage nor a won or lost status changed");
        }
        return out;
    }

    private static void transition(ConnectorStore.Stored c, JsonNode data, String company, String dealId, String crmStage,
            String timeField, String source, Outcomes out, String stageIdForPipeline) {
        if (crmStage == null) {
            throw CrmJson.malformed("data.stage_id is required", List.of(FieldError.of("data.stage_id", "is required")));
        }
        String timeText = CrmJson.text(data, timeField);
        Instant at = instant(timeText);
        if (at == null) {
            throw CrmJson.malformed("data." + timeField + " must be a time such as 2026-01-05T09:00:00Z",
                    List.of(FieldError.of("data." + timeField, "must be a time such as 2026-01-05T09:00:00Z")));
        }
        Optional<StageMapping> mapping = mapping(c, crmStage, stageIdForPipeline);
        if (mapping.isEmpty()) {
            out.ignored(source, null, dealId, "Pipedrive stage " + crmStage + " is not mapped to a stage");
            return;
        }
        String owner = CrmJson.text(data, "owner_id") != null ? CrmJson.text(data, "owner_id") : CrmJson.text(data, "user_id");
        String note = null;
        if (owner == null) {
            owner = HubSpotInbound.UNASSIGNED;
            note = "the deal has no owner_id: stored as " + HubSpotInbound.UNASSIGNED;
        } else {
            owner = c.owners().getOrDefault(owner, owner);
        }
        BigDecimal amount = null;
        String value = CrmJson.text(data, "value");
        if (value != null) {
            try {
                amount = new BigDecimal(value);
            } catch (NumberFormatException e) {
                throw CrmJson.malformed("data.value must be a number", List.of(FieldError.of("data.value", "must be a number")));
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        c.attributes().forEach((field, key) -> {
            String v = CrmJson.text(data, field) != null ? CrmJson.text(data, field)
                    : CrmJson.text(data.path("custom_fields"), field);
            if (v != null && !v.isEmpty()) {
                attributes.put(key, v);
            }
        });
        String eventId = "pipedrive-" + company + "-" + dealId + "-" + crmStage + "-" + at;
        out.transition(new TransitionInput(eventId, dealId, mapping.get().pipelineId(), mapping.get().stage(), at.toString(),
                owner, amount, CrmJson.text(data, "currency"), attributes.isEmpty() ? null : attributes), source, null, note);
    }

    /** A won/lost status maps per pipeline: the one of the deal's current stage, else the only one. */
    private static Optional<StageMapping> mapping(ConnectorStore.Stored c, String crmStage, String stageIdForPipeline) {
        List<StageMapping> candidates = c.stages().stream().filter(m -> m.crmStage().equals(crmStage)).toList();
        if (candidates.size() <= 1 || stageIdForPipeline == null) {
            return candidates.stream().findFirst();
        }
        Optional<String> pipeline = c.stages().stream().filter(m -> m.crmStage().equals(stageIdForPipeline))
                .map(StageMapping::pipelineId).findFirst();
        return candidates.stream().filter(m -> pipeline.isEmpty() || m.pipelineId().equals(pipeline.get())).findFirst();
    }

    /** RFC 3339, or Pipedrive's {@code 2026-01-05 09:00:00} in UTC; null when neither. */
    static Instant instant(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instants.parse(text);
        } catch (Instants.InvalidInstant e) {
            try {
                return LocalDateTime.parse(text, PLAIN).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException ignored) {
                return null;
            }
        }
    }
}
