package io.pipelinehealth.analytics;

import static io.restassured.RestAssured.given;

import io.pipelinehealth.support.Fixtures;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Histories laid out in days from 2026-01-01 and the analytics reads the tests make. */
final class AnalyticsFixtures {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final long DAY = 86_400;

    private AnalyticsFixtures() {
    }

    /** The instant {@code days} (and extra seconds) after 2026-01-01. */
    static String day(double days) {
        return T0.plus(Duration.ofMillis(Math.round(days * DAY * 1000))).toString();
    }

    static String second(long seconds) {
        return T0.plusSeconds(seconds).toString();
    }

    /** One opportunity's events from alternating stage and day offset, all owned by {@code owner}. */
    static List<Map<String, Object>> deal(String pipeline, String owner, Object... stageAndDay) {
        String opportunity = Fixtures.unique(owner);
        String[] pairs = new String[stageAndDay.length];
        for (int i = 0; i < stageAndDay.length; i += 2) {
            pairs[i] = (String) stageAndDay[i];
            Object at = stageAndDay[i + 1];
            pairs[i + 1] = at instanceof String s ? s : day(((Number) at).doubleValue());
        }
        return Fixtures.history(opportunity, pipeline, owner, pairs);
    }

    static void post(List<List<Map<String, Object>>> deals) {
        List<Map<String, Object>> events = new ArrayList<>();
        deals.forEach(events::addAll);
        Fixtures.post(events).statusCode(200);
    }

    static RequestSpecification query(String pipeline, String... params) {
        RequestSpecification request = given().queryParam("pipelineId", pipeline);
        for (int i = 0; i < params.length; i += 2) {
            request.queryParam(params[i], params[i + 1]);
        }
        return request;
    }

    static JsonPath json(String path, String pipeline, String... params) {
        return query(pipeline, params).get(path).then().statusCode(200).contentType("application/json").extract()
                .jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    static JsonPath reps(String pipeline, String... params) {
        return json("/api/v1/analytics/reps", pipeline, params);
    }

    static JsonPath stages(String pipeline, String... params) {
        return json("/api/v1/analytics/stages", pipeline, params);
    }

    /** The one row of {@code rows} with the given field values, or a failure. */
    static Map<String, Object> row(JsonPath rows, String... fieldAndValue) {
        List<Map<String, Object>> matching = new ArrayList<>();
        for (Map<String, Object> row : rows.<Map<String, Object>>getList("")) {
            boolean all = true;
            for (int i = 0; i < fieldAndValue.length; i += 2) {
                all &= fieldAndValue[i + 1].equals(row.get(fieldAndValue[i]));
            }
            if (all) {
                matching.add(row);
            }
        }
        if (matching.size() != 1) {
            throw new AssertionError("expected one row with " + List.of(fieldAndValue) + " in " + rows.prettify());
        }
        return matching.get(0);
    }

    static double number(Map<String, Object> row, String field) {
        return ((Number) row.get(field)).doubleValue();
    }
}
