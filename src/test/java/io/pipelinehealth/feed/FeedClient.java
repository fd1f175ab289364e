package io.pipelinehealth.feed;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.restassured.path.json.JsonPath;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A BI tool's side of the feed: a table keyed by visitKey, filled by a full pull and kept by incremental pulls. */
final class FeedClient {

    final String pipelineId;
    final Map<String, Map<String, Object>> table = new LinkedHashMap<>();
    String changeCursor;
    /** The key to pull with; null: the tests' default key. */
    private final String key;

    FeedClient(String pipelineId) {
        this(pipelineId, null);
    }

    FeedClient(String pipelineId, String key) {
        this.pipelineId = pipelineId;
        this.key = key;
    }

    /** Every page of one pull; answers the items in order, applying them to the table. */
    List<Map<String, Object>> pull(String changedSince, int limit) {
        List<Map<String, Object>> all = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParam("pipelineId", pipelineId).queryParam("limit", limit);
            if (key != null) {
                request.header("Authorization", "Bearer " + key);
            }
            if (changedSince != null) {
                request.queryParam("changedSince", changedSince);
            }
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/api/v1/visits").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            all.addAll(items);
            cursor = page.getString("nextCursor");
            if (cursor == null) {
                changeCursor = page.getString("changeCursor");
                assertNotNull(changeCursor, "the last page carries a changeCursor");
            }
        } while (cursor != null);
        for (Map<String, Object> item : all) {
            if (Boolean.TRUE.equals(item.get("deleted"))) {
                table.remove((String) item.get("visitKey"));
            } else {
                table.put((String) item.get("visitKey"), item);
            }
        }
        return all;
    }

    List<Map<String, Object>> full(int limit) {
        table.clear();
        return pull(null, limit);
    }

    List<Map<String, Object>> incremental(int limit) {
        return pull(changeCursor, limit);
    }
}
