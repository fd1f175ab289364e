package io.pipelinehealth.feed;

import static io.pipelinehealth.support.Fixtures.createPipeline;
import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.event;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.pipelinehealth.support.Fixtures.with;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.support.PinnedClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The feed's CSV through HTTP against its JSON: every CSV page is byte for byte what
 * {@link FeedCsv} writes for the JSON page's rows. For a pipeline in calendar time PostgreSQL
 * writes the lines (FeedCopy), for a working-time one the service; both must agree on formula
 * cells, quoting, attribute columns, instants with and without fractions, open, frozen, closed
 * and skipped visits, and tombstones.
 */
@QuarkusTest
@PinnedClock("2026-03-01T00:00:00Z")
class VisitFeedCsvTest {

    @Test
    void csvWrittenByPostgresqlIsWhatTheServiceWrites() {
        check(createStandardPipeline());
    }

    @Test
    void csvOfAWorkingTimePipelineIsWrittenByTheService() {
        Map<String, Object> body = new LinkedHashMap<>(standardPipeline(List.of()));
        body.put("calendar", Map.of("zone", "Europe/Paris", "hours", Map.of("from", "09:00", "to", "18:00")));
        check(createPipeline(body));
    }

    private void check(String pipeline) {
        String a = unique("-a,\"q\"");
        post(List.of(
                with(event(a + "-1", a, pipeline, "qualify", "2026-01-01T00:00:00.123Z", "=cmd|' /C calc'!A0"),
                        "attributes", Map.of("note", "a, \"b\"\nc", "formula", "@SUM(1)", "empty", "",
                                "text", "é ü 漢 \\ back")),
                event(a + "-2", a, pipeline, "propose", "2026-01-09T00:00:00.000456Z", "=cmd|' /C calc'!A0"),
                event(a + "-3", a, pipeline, "won", "2026-01-20T10:00:00Z", "=cmd|' /C calc'!A0")))
                .statusCode(200);
        String b = unique("b");
        post(List.of(with(event(b + "-1", b, pipeline, "negotiate", "2026-02-28T12:00:00Z", "carl \"x, y\""),
                "attributes", Map.of("formula", "+1", "note", "tab\there")))).statusCode(200);
        post(history(unique("c"), pipeline, "@dana", "qualify", "2026-01-02T00:00:00Z")).statusCode(200); // frozen
        post(history(unique("d"), pipeline, "ed", "qualify", "2026-01-03T00:00:00Z", "discover", "2026-01-04T00:00:00Z",
                "lost", "2026-01-06T00:00:00Z")).statusCode(200);

        Pull full = pull(pipeline, null);
        assertEquals(full.expected(), full.csv());
        assertTrue(full.csv().contains(",\"'=cmd|' /C calc'!A0\","), full.csv());
        assertTrue(full.csv().contains(",SKIPPED,") && full.csv().contains(",FROZEN,")
                && full.csv().contains(",OPEN,"), full.csv());
        assertTrue(full.csv().contains("2026-01-01T00:00:00.123Z") && full.csv().contains("2026-01-09T00:00:00.000456Z"),
                full.csv());

        // a late event: the skipped discover visit of a is gone (a tombstone), qualify ends earlier
        post(List.of(event(a + "-4", a, pipeline, "discover", "2026-01-05T00:00:00Z", "=cmd|' /C calc'!A0")))
                .statusCode(200);
        Pull changes = pull(pipeline, full.changeCursor());
        assertEquals(changes.expected(), changes.csv());
        assertTrue(changes.csv().contains(",true\n"), "a tombstone: " + changes.csv());
    }

    /** A pull in pages of 2 as JSON and as CSV: the CSV bodies, and the JSON rows as FeedCsv writes them. */
    private record Pull(String csv, String expected, String changeCursor) {
    }

    private static Pull pull(String pipeline, String changedSince) {
        StringBuilder csv = new StringBuilder();
        String header = null;
        String cursor = null;
        do {
            ExtractableResponse<Response> page = request(pipeline, changedSince, cursor).accept("text/csv")
                    .get("/api/v1/visits").then().statusCode(200).extract();
            String body = page.asString();
            header = body.substring(0, body.indexOf('\n') + 1);
            csv.append(body.substring(header.length()));
            cursor = page.header("X-Next-Cursor");
        } while (cursor != null);
        List<String> keys = new ArrayList<>();
        for (String column : header.trim().split(",")) {
            if (column.startsWith("attr.")) {
                keys.add(column.substring("attr.".length()));
            }
        }
        StringWriter expected = new StringWriter();
        String changeCursor;
        cursor = null;
        do {
            var page = request(pipeline, changedSince, cursor).get("/api/v1/visits").then().statusCode(200).extract()
                    .jsonPath();
            for (Map<String, Object> item : page.<Map<String, Object>>getList("items")) {
                write(expected, item, keys);
            }
            cursor = page.getString("nextCursor");
            changeCursor = page.getString("changeCursor");
        } while (cursor != null);
        return new Pull(csv.toString(), expected.toString(), changeCursor);
    }

    private static io.restassured.specification.RequestSpecification request(String pipeline, String changedSince,
            String cursor) {
        var request = given().queryParam("pipelineId", pipeline).queryParam("limit", 2);
        if (changedSince != null) {
            request.queryParam("changedSince", changedSince);
        }
        return cursor == null ? request : request.queryParam("cursor", cursor);
    }

    @SuppressWarnings("unchecked")
    private static void write(StringWriter out, Map<String, Object> item, List<String> keys) {
        try {
            if (Boolean.TRUE.equals(item.get("deleted"))) {
                FeedCsv.tombstone(out, (String) item.get("visitKey"), keys.size());
                return;
            }
            Map<String, String> attributes = new HashMap<>((Map<String, String>) item.get("attributes"));
            FeedRow row = new FeedRow((String) item.get("visitKey"), (String) item.get("opportunityId"),
                    (String) item.get("pipelineId"), (String) item.get("stage"), (String) item.get("ownerId"),
                    instant(item.get("enteredAt")), instant(item.get("leftAt")),
                    ((Number) item.get("actualSeconds")).longValue(), number(item.get("standardSeconds")),
                    number(item.get("deviationSeconds")), (String) item.get("status"), (String) item.get("timeBasis"),
                    attributes);
            FeedCsv.row(out, row, keys.stream().map(attributes::get).toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant instant(Object text) {
        return text == null ? null : Instant.parse((String) text);
    }

    private static Long number(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
