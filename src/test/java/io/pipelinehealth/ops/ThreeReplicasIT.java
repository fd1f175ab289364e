package io.pipelinehealth.ops;

import static io.pipelinehealth.support.ServiceProcess.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.pipelinehealth.support.ServiceProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: three service processes on one database, started together on an empty one without a
 * configured key, with the shipped intervals of the backlog (1 s) and a 1 s frozen scan and
 * webhook dispatch. One first key is made and works on all three; asynchronous batches sent
 * round-robin are all derived by the replicas' backlogs; each frozen deal is announced once and
 * each webhook delivered once. With PIPELINE_HEALTH_IT_JDBC_URL it runs on that (empty) database
 * instead: CI's Citus stage runs it on a Citus coordinator (issue 23).
 */
class ThreeReplicasIT {

    private static final String PIPELINE = "replica-std";
    private static final int BATCHES = 30;
    private static final int DEALS_PER_BATCH = 10;

    @Test
    void threeProcessesShareTheWorkAndDoEachPieceOnce() throws Exception {
        Path root = Files.createTempDirectory("replicas-it");
        ConcurrentLinkedQueue<JsonNode> received = new ConcurrentLinkedQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(ServiceProcess.JSON.readTree(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        List<ServiceProcess> replicas = new ArrayList<>();
        // an empty database of CI's Citus stage (.ci/run), else an embedded PostgreSQL of its own
        String external = System.getenv().getOrDefault("PIPELINE_HEALTH_IT_JDBC_URL", "");
        try (EmbeddedPostgres database = external.isEmpty()
                ? EmbeddedPostgres.builder().setPGStartupWait(Duration.ofSeconds(60)).start() : null) {
            String url = external.isEmpty() ? database.getJdbcUrl("postgres", "postgres") : external;
            try {
                Map<String, String> settings = Map.of(
                        "PIPELINE_HEALTH_BOOTSTRAP_KEY", "", // none: the first start generates one
                        "PIPELINE_HEALTH_SCAN_INTERVAL", "1s",
                        "PIPELINE_HEALTH_WEBHOOKS_DISPATCH_INTERVAL", "1s",
                        "PIPELINE_HEALTH_WEBHOOKS_ALLOW_HTTP", "true",
                        "PIPELINE_HEALTH_WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
                for (int r = 0; r < 3; r++) {
                    Path dir = Files.createDirectories(root.resolve("replica-" + r));
                    replicas.add(ServiceProcess.start(dir, url, settings));
                }
                for (ServiceProcess replica : replicas) {
                    replica.awaitReady();
                }

                // one first key: exactly one replica wrote a key file, and its key works on every replica
                List<String> keys = new ArrayList<>();
                for (ServiceProcess replica : replicas) {
                    Path file = replica.workDir().resolve("data/admin-key");
                    if (Files.exists(file)) {
                        keys.add(Files.readString(file).trim());
                    }
                }
                assertEquals(1, keys.size(), "key files written");
                assertEquals(1, ServiceProcess.count(url, "select count(*) from api_key"));
                for (ServiceProcess replica : replicas) {
                    assertEquals(200, replica.withKey(keys.get(0)).send("GET", "/api/v1/tenants", null).statusCode());
                }

                ServiceProcess first = replicas.get(0);
                first.putPipeline(PIPELINE);
                assertEquals(201, first.send("POST", "/api/v1/webhooks", Map.of("url", "http://127.0.0.1:"
                        + receiver.getAddress().getPort() + "/hook", "events", List.of("opportunity.frozen"))).statusCode());

                // asynchronous batches round-robin: their derivation is left to the three backlogs
                Instant old = Instant.parse("2026-01-01T00:00:00Z");
                Instant sentAll = null;
                for (int b = 0; b < BATCHES; b++) {
                    List<Map<String, Object>> events = new ArrayList<>();
                    for (int d = 0; d < DEALS_PER_BATCH; d++) {
                        events.add(event("b" + b + "-d" + d, "b" + b + "-d" + d, PIPELINE, "qualify", old));
                    }
                    HttpResponse<String> accepted = replicas.get(b % 3).send("POST", "/api/v1/transitions",
                            ServiceProcess.JSON.writeValueAsString(events), "respond-async");
                    assertEquals(202, accepted.statusCode(), accepted.body());
                    sentAll = Instant.now();
                }
                int deals = BATCHES * DEALS_PER_BATCH;
                Instant derived = awaitTrue(() -> ServiceProcess.count(url, "select count(*) from derive_pending") == 0
                        && ServiceProcess.count(url, "select count(distinct opportunity_id) from visit "
                                + "where opportunity_id like 'b%-d%'") == deals);
                Instant announced = awaitTrue(() -> distinctOpportunities(received) >= deals);
                Thread.sleep(3_000); // any duplicate would come in the next rounds

                System.out.printf("three replicas: %d deals derived %d ms after the last batch was accepted, "
                        + "%d webhooks for %d frozen deals %d ms after it%n", deals,
                        Duration.between(sentAll, derived).toMillis(), received.size(), distinctOpportunities(received),
                        Duration.between(sentAll, announced).toMillis());
                assertEquals(deals, distinctOpportunities(received), "frozen deals announced");
                assertEquals(deals, received.size(), "webhooks received: each frozen deal announced and delivered once");
                assertEquals(deals, ServiceProcess.count(url, "select count(*) from webhook_delivery"));
                assertEquals(deals, ServiceProcess.count(url,
                        "select count(*) from webhook_delivery where status = 'DELIVERED' and attempts = 1"));
            } finally {
                for (ServiceProcess replica : replicas) {
                    replica.close(); // before the database stops
                }
            }
        } finally {
            receiver.stop(0);
            for (int r = 0; r < replicas.size(); r++) {
                ServiceProcess.keepLogs(root.resolve("replica-" + r), getClass().getSimpleName() + "-" + r);
            }
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static long distinctOpportunities(ConcurrentLinkedQueue<JsonNode> received) {
        return received.stream().map(body -> body.path("data").path("opportunityId").asText()).distinct().count();
    }

    private interface Check {
        boolean done() throws Exception;
    }

    private static Instant awaitTrue(Check check) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline)) {
            if (check.done()) {
                return Instant.now();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached in 90 s");
    }
}
