package io.pipelinehealth.bench;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The service jar as a child process: start-up time until ready, RSS from /proc, stop. */
final class Service {

    private final Config config;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    Service(Config config) {
        this.config = config;
    }

    /** Starts the jar and answers the milliseconds from launch until /q/health/ready answers UP. */
    double start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(config.jvmFlags.trim().split("\\s+")));
        command.add("-jar");
        command.add(config.serviceJar);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(config.serviceLog)));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", config.jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", config.dbUser);
        env.put("QUARKUS_DATASOURCE_PASSWORD", config.dbPassword);
        env.put("QUARKUS_HTTP_PORT", String.valueOf(config.port));
        env.put("PIPELINE_HEALTH_EMBEDDED_DB_ENABLED", "false");
        // the benchmark's key is the service's bootstrap key; the load must measure the service, not its rate limit
        env.put("PIPELINE_HEALTH_BOOTSTRAP_KEY", Http.KEY);
        env.put("PIPELINE_HEALTH_KEYS_RATE_LIMIT_PER_SECOND", "1000000");
        env.put("PIPELINE_HEALTH_KEYS_RATE_LIMIT_BURST", "1000000");
        // glibc otherwise keeps up to 8 x cores malloc arenas of 64 MB for a JVM's many threads
        env.putIfAbsent("MALLOC_ARENA_MAX", "2");
        long t0 = System.nanoTime();
        process = builder.start();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(config.baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(120)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("service exited with " + process.exitValue() + "; see "
                        + config.serviceLog);
            }
            try {
                HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("UP")) {
                    return (System.nanoTime() - t0) / 1e6;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("service not ready after 120 s; see " + config.serviceLog);
    }

    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        process = null;
    }

    long pid() {
        return process.pid();
    }

    /** VmRSS of the service in MB, from /proc/<pid>/status. */
    double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Samples RSS every 100 ms on a daemon thread; peak() answers the highest value since reset(). */
    final class RssSampler implements AutoCloseable {
        private volatile double peak;
        private volatile boolean running = true;
        private final Thread thread;

        RssSampler() {
            thread = new Thread(() -> {
                while (running) {
                    double rss = rssMb();
                    if (rss > peak) {
                        peak = rss;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        double peak() {
            double now = rssMb();
            return Math.max(peak, now);
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
