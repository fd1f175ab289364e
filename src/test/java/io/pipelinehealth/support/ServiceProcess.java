package io.pipelinehealth.support;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.List;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app) as its own process against a given database, for the
 * *IT tests failsafe runs after `package`: database outages and stops. Its output goes to a log
 * file in the work directory, which tests read.
 */
public final class ServiceProcess implements AutoCloseable {

    public static final String KEY = "ph_it-bootstrap-key-0123456789abcdef";
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;
    private final Path workDir;
    private String key = KEY;

    private ServiceProcess(Process process, int port, Path log, Path workDir) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.workDir = workDir;
    }

    /** Sends this key from now on (a generated first key, read from a replica's key file). */
    public ServiceProcess withKey(String key) {
        this.key = key;
        return this;
    }

    public Path workDir() {
        return workDir;
    }

    public static ServiceProcess start(Path workDir, String jdbcUrl, Map<String, String> settings) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("run after `package`: " + JAR);
        }
        int port = freePort();
        Path log = workDir.resolve("service-" + port + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dquarkus.http.port=" + port, "-jar", JAR.toString())
                .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("PIPELINE_HEALTH_EMBEDDED_DB_ENABLED", "false");
        env.put("PIPELINE_HEALTH_BOOTSTRAP_KEY", KEY);
        env.putAll(settings);
        env.values().removeIf(String::isEmpty); // an empty setting: not set at all
        return new ServiceProcess(builder.start(), port, log, workDir);
    }

    public Process process() {
        return process;
    }

    public String log() throws IOException {
        return Files.readString(log);
    }

    public HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(60));
    }

    /** A request with the bootstrap key; a body is sent as JSON. */
    public HttpResponse<String> send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder builder = request(path);
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
        return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON body with a Prefer header (respond-async). */
    public HttpResponse<String> send(String method, String path, String json, String prefer)
            throws IOException, InterruptedException {
        return HTTP.send(request(path).header("Content-Type", "application/json").header("Prefer", prefer)
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public void awaitReady() throws Exception {
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            try {
                if (send("GET", "/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + ":\n" + log());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("service on port " + port + " not ready in 120 s");
    }

    /** The worked example's pipeline under this id; a deal frozen after 15 days at qualify. */
    public void putPipeline(String id) throws Exception {
        int status = send("PUT", "/api/v1/pipelines/" + id, Map.of("name", "IT", "stages", List.of(
                Map.of("key", "qualify", "standard", "P5D", "frozenAfter", "P15D"),
                Map.of("key", "discover", "standard", "P10D"),
                Map.of("key", "propose", "standard", "P7D"), Map.of("key", "negotiate", "standard", "P5D"),
                Map.of("key", "won", "kind", "WON")))).statusCode();
        if (status != 201 && status != 200) {
            throw new AssertionError("PUT pipeline answered " + status);
        }
    }

    public static Map<String, Object> event(String eventId, String opportunityId, String pipelineId, String stage,
            Instant at) {
        return Map.of("eventId", eventId, "opportunityId", opportunityId, "pipelineId", pipelineId, "stage", stage,
                "occurredAt", at.toString(), "ownerId", "ana");
    }

    /** As the database superuser: row-level security does not hide rows from it. */
    public static long count(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Copies the services' logs of a work directory to target/it-logs, for a look after the run. */
    public static void keepLogs(Path workDir, String test) throws IOException {
        Path target = Path.of("target/it-logs").toAbsolutePath();
        Files.createDirectories(target);
        try (var logs = Files.list(workDir)) {
            for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                Files.copy(log, target.resolve(test + "-" + log.getFileName()),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
