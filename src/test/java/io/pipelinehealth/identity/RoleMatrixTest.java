package io.pipelinehealth.identity;

import static io.pipelinehealth.identity.Keys.anonymous;
import static io.pipelinehealth.identity.Keys.as;
import static io.pipelinehealth.support.Fixtures.history;
import static io.pipelinehealth.support.Fixtures.standardPipeline;
import static io.pipelinehealth.support.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint family against every role: allowed (any answer but 401/403), 403, or 401 without
 * a key. "allowed" requests are built to succeed, so the matrix also shows they reach the service.
 */
@QuarkusTest
class RoleMatrixTest {

    private record Family(String name, Function<RequestSpecification, Response> call) {
    }

    private static final String OK = "ok";

    @Test
    void eachRoleReachesExactlyItsEndpoints() {
        String tenant = unique("matrix");
        String admin = Keys.tenant(tenant);
        as(admin).contentType(ContentType.JSON).body(standardPipeline(List.of())).put("/api/v1/pipelines/std")
                .then().statusCode(201);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("admin", admin);
        keys.put("operator", io.pipelinehealth.support.ApiKeyExtension.TEST_KEY); // operator + admin of "default"
        for (String role : List.of("ingest", "read", "handoff")) {
            keys.put(role, Keys.create(admin, role, List.of(role), null));
        }
        keys.put("rep", Keys.create(admin, "rep", List.of("rep"), "ana"));
        List<String> deals = new ArrayList<>();

        List<Family> families = List.of(
                new Family("GET tenants", r -> r.get("/api/v1/tenants")),
                new Family("GET keys", r -> r.get("/api/v1/keys")),
                new Family("GET audit", r -> r.get("/api/v1/audit")),
                new Family("GET pipelines", r -> r.get("/api/v1/pipelines")),
                new Family("PUT pipeline", r -> r.contentType(ContentType.JSON).body(standardPipeline(List.of()))
                        .put("/api/v1/pipelines/std")),
                new Family("POST transitions", r -> {
                    String deal = unique("d");
                    deals.add(deal);
                    return r.contentType(ContentType.JSON)
                            .body(history(deal, "std", "ana", "qualify", "2026-01-01T00:00:00Z"))
                            .post("/api/v1/transitions");
                }),
                new Family("GET ingest status", r -> r.get("/api/v1/ingest/status")),
                new Family("GET opportunities", r -> r.get("/api/v1/opportunities")),
                new Family("GET frozen", r -> r.get("/api/v1/frozen")),
                new Family("GET frozen csv", r -> r.get("/api/v1/frozen?format=csv")),
                new Family("POST handoff", r -> {
                    String deal = unique("h");
                    as(admin).contentType(ContentType.JSON)
                            .body(history(deal, "std", "ana", "qualify", "2026-01-01T00:00:00Z"))
                            .post("/api/v1/transitions").then().statusCode(200);
                    return r.contentType(ContentType.JSON).body(Map.of("direction", "TO_NURTURING", "reason", "x"))
                            .post("/api/v1/opportunities/{id}/handoffs", deal);
                }),
                new Family("GET handoffs", r -> r.get("/api/v1/handoffs")),
                new Family("GET analytics", r -> r.get("/api/v1/analytics/stages?pipelineId=std")),
                new Family("GET own profile", r -> r.get("/api/v1/reps/ana/profile?pipelineId=std")),
                new Family("GET own trend", r -> r.get("/api/v1/analytics/reps/ana/trend?pipelineId=std")),
                new Family("GET webhooks", r -> r.get("/api/v1/webhooks")),
                new Family("POST webhook", r -> r.contentType(ContentType.JSON)
                        .body(Map.of("url", "https://example.com/h", "events", List.of("opportunity.frozen")))
                        .post("/api/v1/webhooks")),
                new Family("GET connectors", r -> r.get("/api/v1/connectors")),
                new Family("POST connector", r -> r.contentType(ContentType.JSON).body(Map.of("kind", "SALESFORCE_CSV",
                        "name", "matrix", "stages", List.of(Map.of("crmStage", "Prospecting", "pipelineId", "std",
                                "stage", "qualify")))).post("/api/v1/connectors")));

        // rows: family; columns: admin, operator(+admin of default), ingest, read, handoff, rep.
        // The operator key's tenant is "default": it gets its own "std" from "PUT pipeline", and the
        // hand-off target, made in the matrix tenant, is a 404 there like any missing opportunity.
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("GET tenants", List.of("403", OK, "403", "403", "403", "403"));
        expected.put("GET keys", List.of(OK, OK, "403", "403", "403", "403"));
        expected.put("GET audit", List.of(OK, OK, "403", "403", "403", "403"));
        expected.put("GET pipelines", List.of(OK, OK, "403", OK, "403", OK));
        expected.put("PUT pipeline", List.of(OK, OK, "403", "403", "403", "403"));
        expected.put("POST transitions", List.of(OK, OK, OK, "403", "403", "403"));
        expected.put("GET ingest status", List.of(OK, OK, OK, OK, "403", "403"));
        expected.put("GET opportunities", List.of(OK, OK, "403", OK, "403", OK));
        expected.put("GET frozen", List.of(OK, OK, "403", OK, "403", OK));
        expected.put("GET frozen csv", List.of(OK, OK, "403", OK, "403", OK));
        expected.put("POST handoff", List.of(OK, "404", "403", "403", OK, OK));
        expected.put("GET handoffs", List.of(OK, OK, "403", OK, "403", "403"));
        expected.put("GET analytics", List.of(OK, OK, "403", OK, "403", "403"));
        expected.put("GET own profile", List.of(OK, OK, "403", OK, "403", OK));
        expected.put("GET own trend", List.of(OK, OK, "403", OK, "403", OK));
        expected.put("GET webhooks", List.of(OK, OK, "403", OK, "403", "403"));
        expected.put("POST webhook", List.of(OK, OK, "403", "403", "403", "403"));
        // connectors hold CRM credentials: admin only
        expected.put("GET connectors", List.of(OK, OK, "403", "403", "403", "403"));
        expected.put("POST connector", List.of(OK, OK, "403", "403", "403", "403"));

        List<String> mismatches = new ArrayList<>();
        for (Family family : families) {
            int column = 0;
            for (Map.Entry<String, String> key : keys.entrySet()) {
                String want = expected.get(family.name()).get(column++);
                int status = family.call().apply(as(key.getValue())).statusCode();
                String got = status == 401 || status == 403 || status == 404 ? String.valueOf(status)
                        : status < 300 ? OK : String.valueOf(status);
                if (!want.equals(got)) {
                    mismatches.add(family.name() + " as " + key.getKey() + ": expected " + want + ", got " + status);
                }
            }
            int anonymousStatus = family.call().apply(anonymous()).statusCode();
            if (anonymousStatus != 401) {
                mismatches.add(family.name() + " without a key: expected 401, got " + anonymousStatus);
            }
        }
        assertEquals(List.of(), mismatches);
    }
}
