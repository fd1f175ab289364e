package io.pipelinehealth.common;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.handoff;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, "strict, explicit input": one test per class of hostile input. Each asserts a 4xx
 * problem+json that names the field (or line, or parameter) and that nothing was stored.
 */
@QuarkusTest
class HostileInputTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String CSV_HEADER = "eventId,opportunityId,pipelineId,stage,occurredAt,ownerId";

    @BeforeAll
    static void logFailures() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    @Test
    void nulInAnyBodyStringIsRefusedNamingTheField() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        // an attribute value, in the 4th item of a batch
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            batch.add(event(unique("e"), opp, pipeline, "qualify", "2026-01-01T00:00:0" + i + "Z", "ana"));
        }
        batch.set(3, with(batch.get(3), "attributes", Map.of("region", "so\u0000uth")));
        post(batch).statusCode(422).contentType(PROBLEM)
                .body("errors[0].index", equalTo(3))
                .body("errors[0].field", equalTo("attributes.region"))
                .body("errors[0].message", containsString("NUL"));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);

        // an attribute key
        rawJson("[" + eventJson(unique("e"), opp, pipeline).replace("}", ",\"attributes\":{\"k\\u0000\":\"v\"}}") + "]")
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("attributes"));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);

        // a pipeline name, a stage key, an override key and value
        String id = unique("p");
        Map<String, Object> named = new LinkedHashMap<>(standardPipeline(List.of()));
        named.put("name", "B2B\u0000");
        putPipeline(id, named).statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("name"));
        putPipeline(id, standardPipeline(List.of(Map.of("when", Map.of("region", "n\u0000"), "stage", "propose",
                "standard", "P9D")))).statusCode(422).body("errors[0].field", equalTo("overrides[0].when.region"));
        putPipeline(id, standardPipeline(List.of(Map.of("when", Map.of("reg\u0000ion", "n"), "stage", "propose",
                "standard", "P9D")))).statusCode(422).body("errors[0].field", equalTo("overrides[0].when"));
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);

        // a hand-off reason
        String handed = unique("o");
        post(List.of(event(unique("e"), handed, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"))).statusCode(200);
        handoff(handed, "TO_NURTURING", "2026-01-02T00:00:00Z", "reason", "bad\u0000").statusCode(422)
                .contentType(PROBLEM).body("errors[0].field", equalTo("reason"));
        given().queryParam("pipelineId", pipeline).get("/api/v1/handoffs").then().statusCode(200)
                .body("items", hasSize(0));

        // a webhook URL
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.com/\u0000", "events",
                List.of("opportunity.frozen"))).post("/api/v1/webhooks").then()
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("url"));
        given().contentType(ContentType.JSON).body("{\"url\":\"https://example.com/h\",\"events\":[null]}")
                .post("/api/v1/webhooks").then()
                .statusCode(422).contentType(PROBLEM).body("errors.field", hasItem("events[0]"));
    }

    @Test
    void nulAndOverlongIdsInPathAndQueryAreRefused() {
        given().urlEncodingEnabled(false).get("/api/v1/opportunities/a%00b").then()
                .statusCode(404).contentType(PROBLEM).body("detail", containsString("opportunityId"));
        given().urlEncodingEnabled(false).get("/api/v1/pipelines/" + "p".repeat(300)).then()
                .statusCode(404).contentType(PROBLEM);
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(standardPipeline(List.of()))
                .put("/api/v1/pipelines/a%00b").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("pipelineId"));
        given().urlEncodingEnabled(false).get("/api/v1/pipelines/a%00b").then().statusCode(404);
        given().urlEncodingEnabled(false).get("/api/v1/opportunities?ownerId=a%00b").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("ownerId"));
        given().urlEncodingEnabled(false).get("/api/v1/frozen?pipelineId=x%00").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("pipelineId"));
        given().urlEncodingEnabled(false).get("/api/v1/opportunities?status=OPEN&status=FROZEN").then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("status"));
    }

    @Test
    void loneSurrogateInAnIdIsRefusedAndNeverStoredAsQuestionMark() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        String prefix = unique("s");
        rawJson("[" + eventJson(prefix + "\\ud800x", opp, pipeline) + "]").statusCode(422).contentType(PROBLEM)
                .body("errors[0].index", equalTo(0))
                .body("errors[0].field", equalTo("eventId"))
                .body("errors[0].message", containsString("surrogate"));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
        // the id a lossy encoder would have made is a new event, not a duplicate
        rawJson("[" + eventJson(prefix + "?x", opp, pipeline) + "]").statusCode(200)
                .body("stored", equalTo(1)).body("duplicates", equalTo(0));
    }

    @Test
    void overlongStringsAreRefusedAndQuotedShort() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        post(List.of(with(event(unique("e"), opp, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                "currency", "X".repeat(5000)))).statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("currency"));
        String response = post(List.of(event(unique("e"), opp, pipeline, "qualify", "Z".repeat(2000), "ana")))
                .statusCode(422).body("errors[0].field", equalTo("occurredAt"))
                .body("errors[0].message", containsString("…")).extract().asString();
        assertTrue(response.length() < 1500, "error body quotes at most ~200 characters: " + response.length());
        // beyond what the parser reads at all: refused while parsing, without echoing it
        String huge = post(List.of(with(event(unique("e"), opp, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                "currency", "X".repeat(100_000)))).statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("65536")).extract().asString();
        assertTrue(huge.length() < 1500, "error body does not echo the value: " + huge.length());
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void amountsPostgresCannotHoldAreRefused() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        rawJson("[" + eventJson(unique("e"), opp, pipeline).replace("}", ",\"amount\":1e-99999}") + "]")
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("amount"));
        postCsv(CSV_HEADER + ",amount\n" + unique("c") + "," + opp + "," + pipeline
                + ",qualify,2026-01-01T00:00:00Z,ana,1e99\n").statusCode(422).body("errors[0].field", equalTo("amount"));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void instantsOutsideTheRangeAreRefused() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        post(List.of(event(unique("e"), opp, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"))).statusCode(200);
        String far = "+999999999-12-31T23:59:59Z";
        given().queryParam("asOf", far).get("/api/v1/opportunities/{id}", opp).then()
                .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("asOf"));
        given().queryParam("asOf", far).queryParam("pipelineId", pipeline).get("/api/v1/opportunities").then()
                .statusCode(400).contentType(PROBLEM);
        // every endpoint that takes an instant, with the parameter it takes
        String[][] endpoints = {
            {"/api/v1/opportunities/" + opp, "asOf"}, {"/api/v1/opportunities", "asOf"}, {"/api/v1/frozen", "asOf"},
            {"/api/v1/handoffs", "from"}, {"/api/v1/handoffs", "to"},
            {"/api/v1/analytics/reps", "asOf"}, {"/api/v1/analytics/reps", "from"}, {"/api/v1/analytics/stages", "to"},
            {"/api/v1/analytics/stages", "asOf"}, {"/api/v1/analytics/standards", "from"},
            {"/api/v1/reps/ana/profile", "asOf"}, {"/api/v1/reps/ana/profile", "to"}};
        for (String[] endpoint : endpoints) {
            for (String bad : List.of(far, "2026-02-30T00:00:00Z", "1899-12-31T23:59:59Z")) {
                given().queryParam("pipelineId", pipeline).queryParam(endpoint[1], bad).get(endpoint[0]).then()
                        .statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo(endpoint[1]));
            }
        }
        post(List.of(event(unique("e"), unique("o"), pipeline, "qualify", "1899-12-31T23:59:59Z", "ana")))
                .statusCode(422).body("errors[0].field", equalTo("occurredAt"));
        handoff(opp, "TO_NURTURING", "0001-01-01T00:00:00Z").statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("at"));
        given().queryParam("pipelineId", pipeline).get("/api/v1/handoffs").then().body("items", hasSize(0));
    }

    @Test
    void durationsAboveTenYearsAreRefused() {
        String id = unique("p");
        putPipeline(id, Map.of("stages", List.of(Map.of("key", "a", "standard", "P106751991167300D"))))
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("stages[0].standard"));
        putPipeline(id, Map.of("stages", List.of(Map.of("key", "a", "standard", "P5D", "frozenAfter", "P3651D"))))
                .statusCode(422).body("errors[0].field", equalTo("stages[0].frozenAfter"));
        putPipeline(id, Map.of("stages", List.of(Map.of("key", "a", "standard", "P1D")), "overrides",
                List.of(Map.of("when", Map.of("r", "s"), "stage", "a", "standard", "PT99999999999999H"))))
                .statusCode(422).body("errors[0].field", equalTo("overrides[0].standard"));
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);
        // the bound itself is accepted, and three times it (the default frozenAfter) still works
        putPipeline(id, Map.of("stages", List.of(Map.of("key", "a", "standard", "P3650D")))).statusCode(201);
        String opp = unique("o");
        post(List.of(event(unique("e"), opp, id, "a", "2026-01-01T00:00:00Z", "ana"))).statusCode(200);
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(200);
    }

    @Test
    void datesAreResolvedStrictly() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        post(List.of(event(unique("e"), opp, pipeline, "qualify", "2026-02-30T00:00:00Z", "ana")))
                .statusCode(422).contentType(PROBLEM).body("errors[0].field", equalTo("occurredAt"));
        postCsv(CSV_HEADER + "\n" + unique("c") + "," + opp + "," + pipeline + ",qualify,2026-02-29T10:00:00Z,ana\n")
                .statusCode(422).body("errors[0].field", equalTo("occurredAt"));
        opportunity(opp, "2026-03-01T00:00:00Z").statusCode(404);
        given().queryParam("asOf", "2026-02-30T00:00:00Z").get("/api/v1/opportunities/{id}", opp).then()
                .statusCode(400).contentType(PROBLEM);
    }

    @Test
    void jsonTrailingContentAndDuplicateKeysAreMalformed() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        String first = "[" + eventJson(unique("e"), opp, pipeline) + "]";
        rawJson(first + "[" + eventJson(unique("e"), opp, pipeline) + "]").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("after the end"));
        String duplicated = eventJson(unique("e"), opp, pipeline).replace("}", ",\"ownerId\":\"bob\"}");
        rawJson("[" + duplicated + "]").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("duplicate key 'ownerId'"));
        putRaw(unique("p"), "{\"stages\":[{\"key\":\"a\",\"standard\":\"P1D\"}]} {}").statusCode(400).contentType(PROBLEM);
        putRaw(unique("p"), "{\"name\":\"a\",\"name\":\"b\",\"stages\":[{\"key\":\"a\",\"standard\":\"P1D\"}]}")
                .statusCode(400).contentType(PROBLEM);
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void unknownJsonFieldsAreNamed() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        post(List.of(event(unique("e"), opp, pipeline, "qualify", "2026-01-01T00:00:00Z", "ana"),
                with(event(unique("e"), opp, pipeline, "propose", "2026-01-02T00:00:00Z", "ana"), "ammount", 100)))
                .statusCode(422).contentType(PROBLEM)
                .body("errors[0].index", equalTo(1))
                .body("errors[0].field", equalTo("ammount"))
                .body("detail", containsString("ammount"))
                .body("detail", not(containsString("io.pipelinehealth")));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
        String id = unique("p");
        putPipeline(id, Map.of("stages", List.of(Map.of("key", "a", "standrad", "P1D")))).statusCode(422)
                .body("errors[0].field", equalTo("stages[0].standrad"));
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(404);
    }

    @Test
    void csvHeadersMustBeKnownAndUnique() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        String row = unique("c") + "," + opp + "," + pipeline + ",qualify,2026-01-01T00:00:00Z,ana";
        postCsv(CSV_HEADER + ",amout\n" + row + ",100\n").statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("amout"));
        postCsv(CSV_HEADER + ",ownerId\n" + row + ",bob\n").statusCode(400).contentType(PROBLEM)
                .body("detail", containsString("'ownerId'"));
        postCsv(CSV_HEADER + "\n" + row + ",extra\n").statusCode(400).contentType(PROBLEM)
                .body("detail", not(containsString("java.")))
                .body("detail", not(containsString("jackson")));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void csvThatIsNotUtf8IsRefusedNamingTheLine() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("\uFEFF" + CSV_HEADER + ",attr.region\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes((unique("c") + "," + opp + "," + pipeline + ",qualify,2026-01-01T00:00:00Z,ana,north\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes((unique("c") + "," + opp + "," + pipeline + ",propose,2026-01-02T00:00:00Z,ana,s")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(new byte[] {(byte) 0xE9, 'd', '\n'}); // "séd" in Latin-1
        given().contentType("text/csv").body(body.toByteArray()).post("/api/v1/transitions").then()
                .statusCode(400).contentType(PROBLEM).body("detail", containsString("line 3"));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void batchesStopAtTheFirstEventPastTheLimit() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        StringBuilder json = new StringBuilder("[");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i <= 10_000; i++) {
            String eventId = unique("e");
            json.append(i == 0 ? "" : ",").append(eventJson(eventId, opp, pipeline));
            csv.append(eventId).append(',').append(opp).append(',').append(pipeline).append(",qualify,2026-01-01T00:00:00Z,ana\n");
        }
        rawJson(json.append(']').toString()).statusCode(413).contentType(PROBLEM)
                .body("type", containsString("batch-too-large"));
        postCsv(csv.toString()).statusCode(413).contentType(PROBLEM).body("type", containsString("batch-too-large"));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void errorListsAreCappedWithATotalCount() {
        String pipeline = createStandardPipeline();
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            batch.add(event(unique("e"), unique("o"), pipeline, "no-such-stage", "2026-01-01T00:00:00Z", "ana"));
        }
        post(batch).statusCode(422).contentType(PROBLEM)
                .body("errors", hasSize(100))
                .body("errorCount", equalTo(150))
                .body("errors.index", hasItem(99));
    }

    @Test
    void numberOrBooleanWhereTextBelongsIsRefusedNotTurnedIntoText() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        rawJson("[" + eventJson("REPLACED", opp, pipeline).replace("\"REPLACED\"", "42") + "]")
                .statusCode(422).contentType(PROBLEM).body(containsString("eventId"));
        rawJson("[" + eventJson(unique("e"), opp, pipeline).replace("}", ",\"attributes\":{\"vip\":true}}") + "]")
                .statusCode(422).contentType(PROBLEM).body(containsString("vip"));
        opportunity(opp, "2026-02-01T00:00:00Z").statusCode(404);
    }

    @Test
    void aCharsetOtherThanUtf8IsRefused() {
        String pipeline = createStandardPipeline();
        String opp = unique("o");
        given().contentType("application/json; charset=windows-1252")
                .body(("[" + eventJson(unique("e"), opp, pipeline) + "]").getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/v1/transitions").then().statusCode(415).contentType(PROBLEM).body("detail", containsString("UTF-8"));
        given().contentType("application/json; charset=utf-8").body("[" + eventJson(unique("e"), opp, pipeline) + "]")
                .post("/api/v1/transitions").then().statusCode(200);
    }

    @Test
    void percentEscapesThatAreNotUtf8NameNothing() {
        String pipeline = createStandardPipeline();
        given().urlEncodingEnabled(false).get("/api/v1/opportunities?pipelineId=" + pipeline + "%ED%A0%80")
                .then().statusCode(400).contentType(PROBLEM).body("errors[0].field", equalTo("pipelineId"));
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body(standardPipeline(List.of()))
                .put("/api/v1/pipelines/p%FFx").then().statusCode(400).contentType(PROBLEM);
        given().urlEncodingEnabled(false).get("/api/v1/pipelines/p%FFx").then().statusCode(404);
    }

    @Test
    void keyExpiryOutsideTheInstantRangeIsRefusedNamingTheField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("name", unique("k"), "roles", List.of("read"), "expiresAt", "+999999999-12-31T23:59:59Z"))
                .post("/api/v1/keys").then().statusCode(422).contentType(PROBLEM)
                .body("errors[0].field", equalTo("expiresAt"));
    }

    @Test
    void deleteAnswersWhicheverMediaTypeTheClientAccepts() {
        given().accept(PROBLEM).delete("/api/v1/webhooks/{id}", unique("wh")).then().statusCode(404).contentType(PROBLEM);
        given().accept(PROBLEM).delete("/api/v1/keys/{id}", unique("key")).then().statusCode(404).contentType(PROBLEM);
    }

    private static String eventJson(String eventId, String opportunityId, String pipelineId) {
        return "{\"eventId\":\"" + eventId + "\",\"opportunityId\":\"" + opportunityId + "\",\"pipelineId\":\""
                + pipelineId + "\",\"stage\":\"qualify\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"ownerId\":\"ana\"}";
    }

    private static ValidatableResponse rawJson(String body) {
        return given().contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/transitions").then();
    }

    private static ValidatableResponse postCsv(String body) {
        return given().contentType("text/csv").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/transitions").then();
    }

    private static ValidatableResponse putPipeline(String id, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/pipelines/{id}", id).then();
    }

    private static ValidatableResponse putRaw(String id, String body) {
        return given().contentType(ContentType.JSON).body(body).put("/api/v1/pipelines/{id}", id).then();
    }
}
