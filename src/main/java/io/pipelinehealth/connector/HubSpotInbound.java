package io.pipelinehealth.connector;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinehealth.common.FieldError;
import io.pipelinehealth.common.Ids;
import io.pipelinehealth.transition.TransitionInput;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HubSpot webhook events (a JSON array, one property change each) to transitions. Every change of
 * a deal's stage, owner, amount or mapped property is kept with its {@code occurredAt}; a stage
 * change becomes a transition that carries the owner, amount and attributes in effect at its
 * instant, so arrival order does not decide them (docs/connectors.md, HubSpot).
 */
@ApplicationScoped
class HubSpotInbound {

    static final String STAGE = "dealstage";
    static final String OWNER = "hubspot_owner_id";
    static final String AMOUNT = "amount";
    static final String UNASSIGNED = "unassigned";
    static final String PROPERTY_CHANGE = "deal.propertyChange";
    static final String CREATION = "deal.creation";

    /** One event as HubSpot sends it, checked. */
    record Event(String key, String eventId, String portalId, String dealId, Instant occurredAt, String type,
            String property, String value, String attempt) {

        String source() {
            return "hubspot event " + eventId + (attempt == null ? "" : " (attempt " + attempt + ")");
        }
    }

    @Inject DealPropertyStore properties;

    /** The events of a body; 400 naming every malformed one. */
    static List<Event> parse(JsonNode body) {
        if (!body.isArray()) {
            throw CrmJson.malformed("a HubSpot webhook body is a JSON array of events");
        }
        List<Event> events = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            JsonNode e = body.get(i);
            int index = i;
            if (!e.isObject()) {
                errors.add(new FieldError(i, null, null, "must be an event object"));
                continue;
            }
            Long eventId = CrmJson.number(e, "eventId");
            Long portalId = CrmJson.number(e, "portalId");
            Long objectId = CrmJson.number(e, "objectId");
            Long occurredAt = CrmJson.number(e, "occurredAt");
            String type = CrmJson.text(e, "subscriptionType");
            int before = errors.size();
            Map<String, Long> numbers = new LinkedHashMap<>();
            numbers.put("eventId", eventId);
            numbers.put("portalId", portalId);
            numbers.put("objectId", objectId);
            numbers.put("occurredAt", occurredAt);
            numbers.forEach((field, value) -> {
                if (value == null) {
                    errors.add(new FieldError(index, null, field, "is required and must be a whole number"));
                }
            });
            if (type == null || Ids.problem(type) != null) {
                errors.add(new FieldError(i, null, "subscriptionType", "is required, such as deal.propertyChange"));
            }
            String property = CrmJson.text(e, "propertyName");
            String value = CrmJson.text(e, "propertyValue");
            if (PROPERTY_CHANGE.equals(type) && (property == null || Ids.problem(property) != null)) {
                errors.add(new FieldError(i, null, "propertyName", "is required for deal.propertyChange"));
            }
            if (occurredAt != null && (occurredAt < 0 || occurredAt > 253_402_300_799_000L)) {
                errors.add(new FieldError(i, null, "occurredAt", "must be epoch milliseconds before year 10000"));
            }
            if (errors.size() > before) {
                continue;
            }
            events.add(new Event(portalId + "-" + eventId, String.valueOf(eventId), String.valueOf(portalId),
                    String.valueOf(objectId), Instant.ofEpochMilli(occurredAt), type, property, value,
                    CrmJson.text(e, "attemptNumber")));
        }
        if (!errors.isEmpty()) {
            throw CrmJson.malformed(errors.size() + " problem(s) in the HubSpot events; nothing was stored", errors);
        }
        return events;
    }

    /** Keeps the new property changes and answers the transitions of the new stage changes. */
    Outcomes translate(ConnectorStore.Stored c, List<Event> events) {
        Outcomes out = new Outcomes();
        out.received = events.size();
        List<Event> kept = new ArrayList<>();
        for (Event e : events) {
            if (CREATION.equals(e.type())) {
                out.ignored(e.source(), null, e.dealId(), "deal.creation has no stage and records nothing by itself");
            } else if (!PROPERTY_CHANGE.equals(e.type())) {
                out.ignored(e.source(), null, e.dealId(), "subscription type " + e.type() + " is not read by this connector");
            } else if (!tracked(c, e.property())) {
                out.ignored(e.source(), null, e.dealId(), "property " + e.property()
                        + " is neither dealstage, hubspot_owner_id, amount nor a mapped attribute");
            } else {
                kept.add(e);
            }
        }
        // every change first, so a stage change in this same request sees an owner sent with it
        Set<String> fresh = properties.insertNew(c.tenantId(), c.id(), kept.stream()
                .map(e -> new DealPropertyStore.Change(e.key(), e.dealId(), e.property(), e.occurredAt(), e.value()))
                .toList());
        kept.sort(Comparator.comparing(Event::occurredAt).thenComparing(Event::key));
        for (Event e : kept) {
            String eventId = "hubspot-" + e.key();
            if (!fresh.contains(e.key())) {
                out.duplicate(e.source(), STAGE.equals(e.property()) ? eventId : null, e.dealId(),
                        "event " + e.eventId() + " of portal " + e.portalId() + " was received before");
            } else if (!STAGE.equals(e.property())) {
                out.noted(e.source(), e.dealId(), e.property() + " = " + e.value() + " from " + e.occurredAt()
                        + "; stage changes at or after that instant carry it");
            } else {
                stageChange(c, e, eventId, out);
            }
        }
        return out;
    }

    private void stageChange(ConnectorStore.Stored c, Event e, String eventId, Outcomes out) {
        Optional<StageMapping> mapping = c.stages().stream().filter(m -> m.crmStage().equals(e.value())).findFirst();
        if (mapping.isEmpty()) {
            out.ignored(e.source(), null, e.dealId(), "dealstage " + e.value() + " is not mapped to a stage");
            return;
        }
        String note = null;
        String owner = valueAt(c, e, OWNER);
        if (owner == null) {
            owner = UNASSIGNED;
            note = "owner not yet known at " + e.occurredAt() + ": stored as " + UNASSIGNED;
        } else {
            owner = c.owners().getOrDefault(owner, owner);
        }
        BigDecimal amount = null;
        String amountText = valueAt(c, e, AMOUNT);
        if (amountText != null) {
            try {
                amount = new BigDecimal(amountText);
            } catch (NumberFormatException ex) {
                note = (note == null ? "" : note + "; ") + "amount " + amountText + " is not a number: left out";
            }
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> mapped : c.attributes().entrySet()) {
            String value = valueAt(c, e, mapped.getKey());
            if (value != null) {
                attributes.put(mapped.getValue(), value);
            }
        }
        out.transition(new TransitionInput(eventId, e.dealId(), mapping.get().pipelineId(), mapping.get().stage(),
                e.occurredAt().toString(), owner, amount, null, attributes.isEmpty() ? null : attributes),
                e.source(), null, note);
    }

    /** The deal's non-empty value of a property at the stage change's instant. */
    private String valueAt(ConnectorStore.Stored c, Event e, String property) {
        return properties.valueAt(c.tenantId(), c.id(), e.dealId(), property, e.occurredAt())
                .map(DealPropertyStore.Value::value).filter(v -> !v.isEmpty()).orElse(null);
    }

    private static boolean tracked(ConnectorStore.Stored c, String property) {
        return STAGE.equals(property) || OWNER.equals(property) || AMOUNT.equals(property)
                || c.attributes().containsKey(property);
    }
}
