package io.pipelinehealth.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test data through the HTTP API: every test makes its own pipelines and ids. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The pipeline of the domain's worked example, with optional overrides. */
    public static Map<String, Object> standardPipeline(List<Map<String, Object>> overrides) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Standard B2B");
        body.put("stages", List.of(
                Map.of("key", "qualify", "standard", "P5D"),
                Map.of("key", "discover", "standard", "P10D"),
                Map.of("key", "propose", "standard", "P7D"),
                Map.of("key", "negotiate", "standard", "P5D"),
                Map.of("key", "won", "kind", "WON"),
                Map.of("key", "lost", "kind", "LOST")));
        body.put("overrides", overrides);
        return body;
    }

    /** Creates a fresh copy of the standard pipeline and answers its id. */
    public static String createStandardPipeline() {
        return createPipeline(standardPipeline(List.of()));
    }

    public static String createPipeline(Map<String, Object> body) {
        String id = unique("std");
        given().contentType(ContentType.JSON).body(body).put("/api/v1/pipelines/{id}", id).then().statusCode(201);
        return id;
    }

    public static Map<String, Object> event(String eventId, String opportunityId, String pipelineId, String stage,
            String occurredAt, String ownerId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", eventId);
        event.put("opportunityId", opportunityId);
        event.put("pipelineId", pipelineId);
        event.put("stage", stage);
        event.put("occurredAt", occurredAt);
        event.put("ownerId", ownerId);
        return event;
    }

    public static Map<String, Object> with(Map<String, Object> event, String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(event);
        copy.put(field, value);
        return copy;
    }

    public static ValidatableResponse post(List<Map<String, Object>> events) {
        return given().contentType(ContentType.JSON).body(events).post("/api/v1/transitions").then();
    }

    public static ValidatableResponse opportunity(String opportunityId, String asOf) {
        return given().queryParam("asOf", asOf).get("/api/v1/opportunities/{id}", opportunityId).then();
    }

    /** POST a hand-off: direction, at (null for now), then optional field/value pairs (reason and by default). */
    public static ValidatableResponse handoff(String opportunityId, String direction, String at, Object... fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("direction", direction);
        if (at != null) {
            body.put("at", at);
        }
        body.put("reason", "test hand-off");
        body.put("by", "marketing-ops");
        for (int i = 0; i < fields.length; i += 2) {
            body.put((String) fields[i], fields[i + 1]);
        }
        return given().contentType(ContentType.JSON).body(body)
                .post("/api/v1/opportunities/{id}/handoffs", opportunityId).then();
    }

    /** Events for one opportunity from (stage, instant) pairs, ids prefixed by the opportunity id. */
    public static List<Map<String, Object>> history(String opportunityId, String pipelineId, String ownerId,
            String... stageAndInstant) {
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < stageAndInstant.length; i += 2) {
            events.add(event(opportunityId + "-e" + i / 2, opportunityId, pipelineId, stageAndInstant[i],
                    stageAndInstant[i + 1], ownerId));
        }
        return events;
    }
}
