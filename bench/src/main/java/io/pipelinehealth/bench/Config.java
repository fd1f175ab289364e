package io.pipelinehealth.bench;

import java.util.Arrays;

/** Command-line options of the benchmark client (bench/run passes them all). */
final class Config {
    String size = "tiny";
    long events;
    int runs = 3;
    int[] clients = {1, 2, 4};
    long sliceEvents;
    int singleRate = 500;
    int singleSeconds = 20;
    int readSamples = 200;
    int analyticsSamples = 20;
    long seed = 42;
    String jdbcUrl;
    String dbUser = "postgres";
    String dbPassword = "postgres";
    int port = 8089;
    String serviceJar = "target/quarkus-app/quarkus-run.jar";
    String jvmFlags = "-Xms64m -Xmx104m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";
    String serviceLog = "bench/results/service.log";
    String sqlDir = "bench/sql";
    String out;
    /** bench/run --soak 30m: minutes of the soak (issue 20) instead of the matrix; 0 for the matrix. */
    int soakMinutes;
    /**
     * bench/run --scale: the full load, its COPY, the reads, the feed pull and the pages only (what
     * the 1m-against-5m comparison of issue 23 needs), without the single events, the bulk matrix
     * and working time that follow them.
     */
    boolean scaleOnly;

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** "30m", "1h" or "45" (minutes). */
    static int minutes(String value) {
        if (value.endsWith("h")) {
            return 60 * Integer.parseInt(value.substring(0, value.length() - 1));
        }
        return Integer.parseInt(value.endsWith("m") ? value.substring(0, value.length() - 1) : value);
    }

    static Config parse(String[] args) {
        Config c = new Config();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (args[i].equals("--scale")) {
                c.scaleOnly = true;
                continue;
            }
            switch (args[i]) {
                case "--size" -> c.size = value;
                case "--runs" -> c.runs = Integer.parseInt(value);
                case "--clients" -> c.clients = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--jdbc-url" -> c.jdbcUrl = value;
                case "--db-user" -> c.dbUser = value;
                case "--db-password" -> c.dbPassword = value;
                case "--port" -> c.port = Integer.parseInt(value);
                case "--service-jar" -> c.serviceJar = value;
                case "--jvm-flags" -> c.jvmFlags = value;
                case "--service-log" -> c.serviceLog = value;
                case "--sql-dir" -> c.sqlDir = value;
                case "--out" -> c.out = value;
                case "--seed" -> c.seed = Long.parseLong(value);
                case "--single-rate" -> c.singleRate = Integer.parseInt(value);
                case "--single-seconds" -> c.singleSeconds = Integer.parseInt(value);
                case "--soak" -> c.soakMinutes = minutes(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
            i++;
        }
        switch (c.size) {
            case "tiny" -> {
                c.events = 5_000;
                c.sliceEvents = 2_000;
                // a smoke test of the path, not of the target: CI machines are small and shared
                c.singleRate = Math.min(c.singleRate, 100);
                c.singleSeconds = Math.min(c.singleSeconds, 5);
                c.readSamples = 50;
                c.analyticsSamples = 5;
            }
            case "100k" -> {
                c.events = 100_000;
                c.sliceEvents = 20_000;
            }
            case "1m" -> {
                c.events = 1_000_000;
                c.sliceEvents = 50_000;
            }
            case "5m" -> {
                c.events = 5_000_000;
                c.sliceEvents = 50_000;
            }
            default -> throw new IllegalArgumentException("size must be tiny, 100k, 1m or 5m");
        }
        if (c.jdbcUrl == null) {
            throw new IllegalArgumentException("--jdbc-url is required");
        }
        return c;
    }
}
