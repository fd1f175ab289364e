package io.pipelinehealth.pipeline;

import static io.pipelinehealth.support.Fixtures.createStandardPipeline;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.opportunity;
import static io.pipelinehealth.support.Fixtures.post;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PipelineTest {

    @Test
    void createThenReadWithDefaultsFilledIn() {
        String id = unique("p");
        given().contentType(ContentType.JSON).body(standardPipeline(List.of(
                        Map.of("when", Map.of("region", "south"), "stage", "propose", "standard", "P10D"))))
                .put("/api/v1/pipelines/{id}", id)
                .then().statusCode(201).header("Location", containsString("/api/v1/pipelines/" + id))
                .body("id", equalTo(id))
                .body("stages.key", contains("qualify", "discover", "propose", "negotiate", "won", "lost"))
                .body("stages.kind", contains("OPEN", "OPEN", "OPEN", "OPEN", "WON", "LOST"))
                .body("stages[0].rushedBelow", equalTo(0.5f))
                .body("stages[0].slowAbove", equalTo(1.5f))
                .body("overrides[0].standard", equalTo("P10D"));
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(200).body("name", equalTo("Standard B2B"))
                .body("createdAt", notNullValue());
        given().contentType(ContentType.JSON).body(standardPipeline(List.of())).put("/api/v1/pipelines/{id}", id)
                .then().statusCode(200);
        given().get("/api/v1/pipelines/{id}", unique("missing")).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void invalidDefinitionsNameEveryProblem() {
        Map<String, Object> body = Map.of(
                "stages", List.of(
                        Map.of("key", "a", "standard", "P1M"),
                        Map.of("key", "a", "standard", "P2D", "rushedBelow", 1.2, "slowAbove", 0.9),
                        Map.of("key", "c"),
                        Map.of("key", "d", "standard", "PT1.5S", "rushedBelow", 0.333),
                        Map.of("key", "w", "kind", "WON", "standard", "P1D"),
                        Map.of("key", "x", "kind", "MAYBE", "standard", "P1D")),
                "overrides", List.of(Map.of("when", Map.of("r", "s"), "stage", "zzz")));
        given().contentType(ContentType.JSON).body(body).put("/api/v1/pipelines/{id}", unique("p"))
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("stages[0].standard", "stages[1].key", "stages[1].rushedBelow",
                        "stages[1].slowAbove", "stages[2].standard", "stages[3].standard", "stages[3].rushedBelow",
                        "stages[4]", "stages[5].kind", "overrides[0].stage"));
        given().contentType(ContentType.JSON).body("{}").put("/api/v1/pipelines/{id}", unique("p"))
                .then().statusCode(422).body("errors[0].field", equalTo("stages"));
    }

    @Test
    void replacementMayNotRemoveAStageEventsUse() {
        String id = createStandardPipeline();
        String o = unique("o");
        post(history(o, id, "ana", "discover", "2026-01-01T00:00:00Z")).statusCode(200);
        Map<String, Object> withoutDiscover = Map.of("stages", List.of(
                Map.of("key", "qualify", "standard", "P5D"),
                Map.of("key", "propose", "standard", "P7D")));
        given().contentType(ContentType.JSON).body(withoutDiscover).put("/api/v1/pipelines/{id}", id)
                .then().statusCode(409).contentType("application/problem+json").body("detail", containsString("discover"));
    }

    @Test
    void figuresFollowTheCurrentDefinition() {
        String id = createStandardPipeline();
        String o = unique("o");
        post(history(o, id, "ana", "qualify", "2026-01-01T00:00:00Z", "propose", "2026-01-02T00:00:00Z"))
                .statusCode(200);
        // reorder so that propose comes right after qualify, and loosen qualify
        Map<String, Object> changed = Map.of("stages", List.of(
                Map.of("key", "qualify", "standard", "P1D"),
                Map.of("key", "propose", "standard", "P7D"),
                Map.of("key", "discover", "standard", "P10D"),
                Map.of("key", "negotiate", "standard", "P5D"),
                Map.of("key", "won", "kind", "WON"),
                Map.of("key", "lost", "kind", "LOST")));
        given().contentType(ContentType.JSON).body(changed).put("/api/v1/pipelines/{id}", id).then().statusCode(200);
        opportunity(o, "2026-01-03T00:00:00Z").statusCode(200)
                .body("visits.stage", contains("qualify", "propose"))
                .body("visits.status", contains("ON_TRACK", "OPEN"));
        given().queryParam("pipelineId", id).get("/api/v1/opportunities").then().statusCode(200)
                .body("items.currentStage", contains("propose"));
    }

    @Test
    void listIsPaginatedWithOpaqueCursors() {
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(createStandardPipeline());
        }
        String cursor = null;
        List<String> ids = new ArrayList<>();
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.get("/api/v1/pipelines").then().statusCode(200).extract().jsonPath();
            List<String> items = page.getList("items.id", String.class);
            ids.addAll(items);
            cursor = page.getString("nextCursor");
            pages++;
            if (cursor != null) {
                assertEquals(2, items.size(), "a page with a next cursor is full");
            }
        } while (cursor != null);
        // at least the three pipelines made here: with 2 per page, a nextCursor that is always null fails
        assertTrue(pages >= 2, "pages: " + pages);
        assertTrue(ids.containsAll(created), "every pipeline is listed once the cursor is followed");
        assertEquals(ids.size(), new HashSet<>(ids).size(), "no pipeline listed twice");
        assertEquals(ids.stream().sorted().toList(), ids, "in id order across pages");
        given().queryParam("limit", 0).get("/api/v1/pipelines").then().statusCode(400);
        given().queryParam("cursor", "garbage!").get("/api/v1/pipelines").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void concurrentFirstPutsOfOnePipelineCreateItOnce() throws Exception {
        String id = unique("race");
        int clients = 8;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().contentType(ContentType.JSON).body(standardPipeline(List.of()))
                            .put("/api/v1/pipelines/{id}", id).then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> answered = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answered.add(status.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, answered.stream().filter(s -> s == 201).count(), "exactly one creates: " + answered);
            assertEquals(clients - 1, answered.stream().filter(s -> s == 200).count(), "the rest replace: " + answered);
        } finally {
            pool.shutdownNow();
        }
        given().get("/api/v1/pipelines/{id}", id).then().statusCode(200).body("id", org.hamcrest.Matchers.equalTo(id));
    }
}
