package io.pipelinehealth.identity;

import static io.pipelinehealth.identity.Keys.anonymous;
import static io.pipelinehealth.identity.Keys.as;
import static io.pipelinehealth.support.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pipelinehealth.common.MutableTestClock;
import io.pipelinehealth.support.ApiKeyExtension;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, key creation, revocation, expiry, bootstrap and the audit trail, through HTTP. */
@QuarkusTest
class KeyLifecycleTest {

    @Inject
    MutableTestClock clock;

    @Inject
    Bootstrap bootstrap;

    @Test
    void missingUnknownOrMalformedKeyIs401ProblemWithBearerChallenge() {
        anonymous().get("/api/v1/pipelines").then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("https://pipeline-health.dev/problems/unauthorized"));
        as("ph_unknownkeyunknownkeyunknownkey").get("/api/v1/pipelines").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/pipelines").then().statusCode(401)
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void healthAndOpenApiStayOpenMetricsNeedAnAdminOrOperatorKey() {
        anonymous().get("/q/health/ready").then().statusCode(200);
        anonymous().get("/q/openapi").then().statusCode(200);
        anonymous().get("/q/metrics").then().statusCode(401);
        String reader = Keys.create(ApiKeyExtension.TEST_KEY, "reader", List.of("read"), null);
        as(reader).get("/q/metrics").then().statusCode(403);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void createdKeyIsShownOnceListedWithoutSecretAndWorksAtOnce() {
        String admin = Keys.tenant(unique("keys"));
        Map<String, Object> created = as(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "crm-sync", "roles", List.of("ingest", "read")))
                .post("/api/v1/keys").then().statusCode(201)
                .header("Location", containsString("/api/v1/keys/key_"))
                .body("key", startsWith("ph_"))
                .body("roles", equalTo(List.of("ingest", "read")))
                .body("createdAt", notNullValue())
                .extract().as(Map.class);
        String key = (String) created.get("key");
        assertTrue(key.length() >= 3 + 43, "256 random bits in base64url after ph_");
        assertTrue(key.startsWith((String) created.get("prefix")));
        String listed = as(admin).get("/api/v1/keys").then().statusCode(200)
                .body("items.id", hasItem(created.get("id"))).extract().asString();
        assertFalse(listed.contains(key), "a key list never shows key material");
        as(key).get("/api/v1/pipelines").then().statusCode(200);
    }

    @Test
    void invalidKeyRequestsName422Fields() {
        as(ApiKeyExtension.TEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "x", "roles", List.of("superuser"))).post("/api/v1/keys")
                .then().statusCode(422).contentType("application/problem+json").body("errors.field", equalTo(List.of("roles")));
        as(ApiKeyExtension.TEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "ana", "roles", List.of("rep"))).post("/api/v1/keys")
                .then().statusCode(422).body("errors.field", equalTo(List.of("ownerId")));
        as(ApiKeyExtension.TEST_KEY).contentType(ContentType.JSON)
                .body(Map.of("name", "old", "roles", List.of("read"), "expiresAt", "2020-01-01T00:00:00Z"))
                .post("/api/v1/keys").then().statusCode(422).body("errors.field", equalTo(List.of("expiresAt")));
        as(ApiKeyExtension.TEST_KEY).contentType(ContentType.JSON).body(Map.of("roles", List.of()))
                .post("/api/v1/keys").then().statusCode(422).body("errors.field", equalTo(List.of("name", "roles")));
        String admin = Keys.tenant(unique("grant"));
        as(admin).contentType(ContentType.JSON).body(Map.of("name", "op", "roles", List.of("operator")))
                .post("/api/v1/keys").then().statusCode(422).body("errors[0].message", startsWith("only an operator"));
    }

    @Test
    void revokedKeyIs401OnTheNextRequestAndAnotherTenantsKeyIs404() {
        String admin = Keys.tenant(unique("rev"));
        String reader = Keys.create(admin, "reader", List.of("read"), null);
        String readerId = as(admin).get("/api/v1/keys").then().extract().path("items.find { it.name == 'reader' }.id");
        as(reader).get("/api/v1/pipelines").then().statusCode(200);
        String other = Keys.tenant(unique("other"));
        as(other).delete("/api/v1/keys/{id}", readerId).then().statusCode(404).contentType("application/problem+json");
        as(reader).get("/api/v1/pipelines").then().statusCode(200);
        as(admin).delete("/api/v1/keys/{id}", readerId).then().statusCode(204);
        as(reader).get("/api/v1/pipelines").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        as(admin).get("/api/v1/keys").then().body("items.find { it.id == '" + readerId + "' }.revokedAt", notNullValue());
    }

    @Test
    void keyStopsWorkingWhenItExpiresByTheInjectedClock() {
        String admin = Keys.tenant(unique("exp"));
        String expiring = as(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "temp", "roles", List.of("read"),
                        "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString()))
                .post("/api/v1/keys").then().statusCode(201).extract().path("key");
        as(expiring).get("/api/v1/pipelines").then().statusCode(200);
        clock.set(clock.instant().plus(Duration.ofHours(2)));
        as(expiring).get("/api/v1/pipelines").then().statusCode(401);
        as(admin).get("/api/v1/pipelines").then().statusCode(200);
    }

    /** In a tenant of its own: the test profile's bootstrap key, which every other test sends, stays as it is. */
    @Test
    void changedBootstrapKeyReplacesThePreviousOne() {
        String tenant = unique("boot");
        String admin = Keys.tenant(tenant);
        String first = "ph_first-bootstrap-key-" + tenant;
        String replacement = "ph_replacement-bootstrap-key-" + tenant;
        assertTrue(bootstrap.install(tenant, first));
        assertFalse(bootstrap.install(tenant, first), "installing the same key again changes nothing");
        as(first).get("/api/v1/tenants").then().statusCode(200);
        assertTrue(bootstrap.install(tenant, replacement));
        as(replacement).get("/api/v1/tenants").then().statusCode(200);
        as(first).get("/api/v1/tenants").then().statusCode(401);
        as(admin).get("/api/v1/pipelines").then().statusCode(200);
        as(ApiKeyExtension.TEST_KEY).get("/api/v1/tenants").then().statusCode(200);
    }

    @Test
    void generatedFirstKeyIsWrittenOwnerOnly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data/admin-key");
        Bootstrap.write(file, "ph_example");
        assertEquals("ph_example\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    /**
     * N replicas on one database: a replica that generates a first key after another one made it
     * (both saw no key at start) keeps the existing key instead of replacing it (the last writer
     * used to win, locking out the first replica's key file), and writes no key file of its own.
     */
    @Test
    void aSecondReplicasGeneratedFirstKeyDoesNotReplaceTheFirst(@TempDir Path dir) {
        Path file = dir.resolve("data/admin-key");
        assertFalse(bootstrap.createFirst(file), "the first key exists already");
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("data/admin-key.new")));
        as(ApiKeyExtension.TEST_KEY).get("/api/v1/tenants").then().statusCode(200);
    }

    @Test
    void tenantsAreForOperatorsAndDuplicateIdsAre409() {
        String id = unique("dup");
        String admin = Keys.tenant(id);
        given().contentType(ContentType.JSON).body(Map.of("id", id, "name", "again")).post("/api/v1/tenants")
                .then().statusCode(409).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of("id", "bad id!", "name", "")).post("/api/v1/tenants")
                .then().statusCode(422).body("errors.field", equalTo(List.of("id", "name")));
        as(admin).get("/api/v1/tenants").then().statusCode(403).contentType("application/problem+json");
        given().get("/api/v1/tenants?limit=1000").then().statusCode(200).body("items.id", hasItems("default", id));
    }

    @Test
    void auditNamesWhoDidWhat() {
        String admin = Keys.tenant(unique("audit"));
        String id = as(admin).contentType(ContentType.JSON).body(Map.of("name", "tmp", "roles", List.of("read")))
                .post("/api/v1/keys").then().statusCode(201).extract().path("id");
        as(admin).delete("/api/v1/keys/{id}", id).then().statusCode(204);
        as(admin).contentType(ContentType.JSON).body(io.pipelinehealth.support.Fixtures.standardPipeline(List.of()))
                .put("/api/v1/pipelines/{id}", "p1").then().statusCode(201);
        as(admin).get("/api/v1/audit").then().statusCode(200)
                .body("items.action", equalTo(List.of("pipeline.create", "key.revoke", "key.create", "key.create",
                        "tenant.create")))
                .body("items[0].target", equalTo("p1"))
                .body("items[0].keyName", equalTo("first admin key"))
                .body("items[1].target", equalTo(id))
                .body("items[4].keyName", equalTo("bootstrap"));
        as(admin).get("/api/v1/audit?limit=2").then().statusCode(200)
                .body("items.action", equalTo(List.of("pipeline.create", "key.revoke")))
                .body("nextCursor", notNullValue());
    }

    @Test
    void lastUsedAtIsRecorded() throws InterruptedException {
        String admin = Keys.tenant(unique("used"));
        as(admin).get("/api/v1/pipelines").then().statusCode(200);
        // written off the request thread: poll for it (bounded), it must appear
        for (int i = 0; i < 50; i++) {
            Object lastUsed = as(admin).get("/api/v1/keys").then().extract().path("items[0].lastUsedAt");
            if (lastUsed != null) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("lastUsedAt was never written");
    }
}
