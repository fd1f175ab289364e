package io.pipelinehealth.transition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's crash guarantee, on the packaged service (failsafe runs this after `package`): the
 * service is SIGKILLed after a batch's events are committed and before they are derived; the
 * restarted service derives them on its own. The window to kill it in is the test's, not the
 * service's: a trigger the test puts on the visit table makes the derivation's insert wait, so the
 * events are committed and their visits are not; the first process runs without the periodic
 * backlog worker, the second with the shipped defaults (and the trigger gone).
 */
class CrashRecoveryIT {

    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final String KEY = "ph_crash-test-key-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void eventsStoredBeforeAKillAreDerivedByTheRestartedService() throws Exception {
        assertTrue(Files.exists(JAR), "run after `package`: " + JAR);
        Path workDir = Files.createTempDirectory("crash-it");
        try (EmbeddedPostgres database = EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start()) {
            String url = database.getJdbcUrl("postgres", "postgres");
            String pipeline = "crash-std";
            List<Map<String, Object>> events = new ArrayList<>();
            List<String> deals = new ArrayList<>();
            String[] stages = { "qualify", "discover", "propose", "negotiate" };
            for (int d = 0; d < 15; d++) {
                String o = "crash-o" + d;
                deals.add(o);
                for (int n = 0; n < 4; n++) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("eventId", o + "-" + n);
                    e.put("opportunityId", o);
                    e.put("pipelineId", pipeline);
                    e.put("stage", stages[n]);
                    e.put("occurredAt", Instant.parse("2026-01-01T00:00:00Z").plus(Duration.ofDays(3L * n)).toString());
                    e.put("ownerId", "ana");
                    events.add(e);
                }
            }

            int port = freePort();
            Process first = start(workDir, url, port, Map.of("PIPELINE_HEALTH_INGEST_DERIVE_INTERVAL", "off"));
            try {
                awaitReady(port);
                assertEquals(201, send(port, "PUT", "/api/v1/pipelines/" + pipeline, JSON.writeValueAsString(Map.of(
                        "name", "Crash", "stages", List.of(Map.of("key", "qualify", "standard", "P5D"),
                                Map.of("key", "discover", "standard", "P10D"), Map.of("key", "propose", "standard", "P7D"),
                                Map.of("key", "negotiate", "standard", "P5D"), Map.of("key", "won", "kind", "WON")))))
                        .statusCode());
                // the derivation's first visit insert waits here (the migrations ran: the table exists)
                execute(url, """
                        create function crash_it_hold() returns trigger language plpgsql as
                            $$ begin perform pg_sleep(600); return null; end $$;
                        create trigger crash_it_hold before insert on visit
                            for each statement execute function crash_it_hold()""");
                // 60 events: above the inline limit, so stored in one transaction and derived in the next
                CompletableFuture<HttpResponse<String>> ingest = HTTP.sendAsync(request(port, "/api/v1/transitions")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(events))).build(),
                        HttpResponse.BodyHandlers.ofString());
                JsonNode pending = await(() -> status(port), s -> s.path("pendingOpportunities").asInt() == 15);
                assertTrue(pending.hasNonNull("oldestPendingSince"));
                assertTrue(!ingest.isDone(), "the request waits in the window before derivation");
                assertEquals(60, count(url, "select count(*) from transition_event where opportunity_id like 'crash-o%'"));
                assertEquals(0, count(url, "select count(*) from visit where opportunity_id like 'crash-o%'"));
            } finally {
                first.destroyForcibly(); // SIGKILL: no shutdown hook, no transaction finishes
                first.waitFor();
            }
            assertEquals(137, first.exitValue(), "killed by SIGKILL");
            // the killed service's sleeping transaction ends with its session; then the trigger goes
            execute(url, """
                    select pg_terminate_backend(pid) from pg_stat_activity
                    where datname = current_database() and pid <> pg_backend_pid()""");
            execute(url, "drop trigger crash_it_hold on visit; drop function crash_it_hold()");
            assertEquals(15, count(url, "select count(distinct opportunity_id) from derive_pending"));

            int port2 = freePort();
            Process second = start(workDir, url, port2, Map.of());
            try {
                awaitReady(port2);
                JsonNode done = await(() -> status(port2), s -> s.path("pendingOpportunities").asInt() == 0);
                assertTrue(done.path("oldestPendingSince").isNull());
                for (String o : deals) {
                    JsonNode view = JSON.readTree(send(port2, "GET",
                            "/api/v1/opportunities/" + o + "?asOf=2026-03-01T00:00:00Z", null).body());
                    assertEquals(4, view.path("visits").size(), o + ": " + view);
                    assertEquals("negotiate", view.path("currentStage").asText(), o + ": " + view);
                }
                assertEquals(0, count(url, "select count(*) from derive_pending"));
            } finally {
                second.destroy();
                second.waitFor();
            }
        } finally {
            try (var files = Files.walk(workDir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static Process start(Path workDir, String url, int port, Map<String, String> settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-jar", JAR.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("service-" + port + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", url);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("PIPELINE_HEALTH_EMBEDDED_DB_ENABLED", "false");
        env.put("PIPELINE_HEALTH_BOOTSTRAP_KEY", KEY);
        env.putAll(settings);
        return builder.start();
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofSeconds(30));
    }

    private static HttpResponse<String> send(int port, String method, String path, String body) throws Exception {
        HttpRequest.Builder builder = request(port, path);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode status(int port) throws Exception {
        return JSON.readTree(send(port, "GET", "/api/v1/ingest/status", null).body());
    }

    private interface Probe {
        JsonNode get() throws Exception;
    }

    private static JsonNode await(Probe probe, Predicate<JsonNode> done) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = probe.get();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not reached in 90 s; last answer " + last);
    }

    private static void awaitReady(int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("service on port " + port + " not ready in 120 s");
    }

    /** As the database superuser: row-level security does not hide rows from it. */
    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
