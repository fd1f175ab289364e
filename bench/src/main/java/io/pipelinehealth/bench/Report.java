package io.pipelinehealth.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects the figures of one run and renders them as markdown. */
final class Report {

    final Config config;
    String postgres;
    double startupFirstMs;
    final List<Double> startupMs = new ArrayList<>();
    double rssRestMb;
    double rssLoadMb;
    double rssSingleMb;
    double rssAfterMb;
    double fullLoadHttp;
    double fullLoadCopy;
    long loadedEvents;
    int opportunities;
    String readPipeline;
    final Map<String, List<Double>> ingest = new LinkedHashMap<>();
    /** Prefer: respond-async (issue 10): until every batch is answered 202, and until the backlog is derived. */
    static final String ASYNC_ACCEPTED = "JSON async, answered 202";
    static final String ASYNC_DERIVED = "JSON async, derived";
    final List<Double> asyncLagSeconds = new ArrayList<>();
    final Map<String, List<double[]>> reads = new LinkedHashMap<>();
    final Map<String, String> skipped = new LinkedHashMap<>();
    /** Section 6 (issue 19): latencies per page and run, and each page's weight in bytes. */
    static final String PAGES = "pages";
    final Map<String, List<double[]>> pages = new LinkedHashMap<>();
    final Map<String, Long> pageBytes = new LinkedHashMap<>();
    final Map<String, Integer> sqlRows = new LinkedHashMap<>();
    final List<Bench.OpenLoop> single = new ArrayList<>();
    /** Group commit during the measured single-event runs: transactions, requests in them, fallbacks. */
    double singleGroups;
    double singleGrouped;
    double singleFallbacks;
    /** Section 5 (issue 12): figure|pipeline id, one array per run (a rate or latencies). */
    final Map<String, List<double[]>> workingTime = new LinkedHashMap<>();
    long workingTimeEvents;
    int workingTimeOpportunities;
    /** Section 7 (issue 22): the visit feed's full pull against COPY of the same rows, per run. */
    String feedPipeline;
    long feedRows;
    long feedCopyRows;
    double feedRssMb;
    final List<Double> feedHttp = new ArrayList<>();
    final List<Double> feedCopy = new ArrayList<>();
    /** /proc/loadavg (1, 5, 15 min) before each run's pull: the machine is shared, the ratio is within one run. */
    final List<String> feedLoad = new ArrayList<>();
    List<String> topStatements = List.of();
    List<String> failures = List.of();

    Report(Config config) {
        this.config = config;
    }

    List<Double> ingest(String path, int clients) {
        return ingest.computeIfAbsent(path + "|" + clients, k -> new ArrayList<>());
    }

    List<double[]> read(String name, String side) {
        return reads.computeIfAbsent(name + "|" + side, k -> new ArrayList<>());
    }

    List<double[]> workingTime(Generator.PipelineDef twin, String figure) {
        return workingTime.computeIfAbsent(figure + "|" + twin.id(), k -> new ArrayList<>());
    }

    void failures(List<String> failures) {
        this.failures = List.copyOf(failures);
    }

    private static List<Double> perRun(List<double[]> runs, double p) {
        return runs.stream().map(r -> Stats.percentile(r, p)).toList();
    }

    String render() {
        StringBuilder b = new StringBuilder();
        b.append("# pipeline-health benchmark: size ").append(config.size).append("\n\n");
        b.append("- Date: ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append('\n');
        b.append("- Machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
                .append(memTotal()).append(" RAM; ").append(postgres == null ? "?" : postgres.split(",")[0])
                .append(" on the same host\n");
        b.append("- Service JVM: Java ").append(System.getProperty("java.version")).append(" (")
                .append(System.getProperty("java.vm.name")).append("), flags `").append(config.jvmFlags).append("`\n");
        b.append("- Data: ").append(loadedEvents).append(" transitions, ").append(opportunities)
                .append(" opportunities, 4 pipelines, 200 reps (seed ").append(config.seed).append(")\n");
        b.append("- Each figure: median of ").append(config.runs).append(" runs (min–max)\n");
        if (config.scaleOnly) {
            b.append("- `--scale`: the full load, reads, feed and pages only; the fresh slices of section 1, single"
                    + " events (3), working time (5) and the matrix's statements were not run\n");
        }
        b.append('\n');

        b.append("## 1. Bulk ingest (transitions/s)\n\n");
        b.append(String.format("Full load of the data set: HTTP JSON batches of 1,000 with %d clients **%.0f/s**;"
                        + " COPY in one statement **%.0f/s** (ratio %.2f).%n%n",
                java.util.Arrays.stream(config.clients).max().orElse(1), fullLoadHttp, fullLoadCopy,
                fullLoadHttp / fullLoadCopy));
        b.append("Then fresh slices of ").append(config.sliceEvents)
                .append(" events into the loaded store (COPY: the same rows into bench_event, one COPY per client):\n\n");
        b.append("| path | clients | service | COPY | service / COPY |\n|---|---:|---:|---:|---:|\n");
        for (int clients : config.clients) {
            List<Double> copy = ingest("COPY", clients);
            for (String path : List.of("JSON", "CSV", ASYNC_ACCEPTED, ASYNC_DERIVED)) {
                List<Double> rates = ingest(path, clients);
                if (rates.isEmpty()) {
                    continue;
                }
                b.append("| HTTP ").append(path).append(" | ").append(clients).append(" | ")
                        .append(Stats.runs(rates, "%.0f")).append(" | ").append(Stats.runs(copy, "%.0f"))
                        .append(" | ").append(copy.isEmpty() ? "–" : String.format("%.2f",
                                Stats.median(rates) / Stats.median(copy))).append(" |\n");
            }
        }

        if (!asyncLagSeconds.isEmpty()) {
            b.append(String.format("%nAsync mode (`Prefer: respond-async`, JSON): derivation lag after the last 202 answer"
                    + " until GET /api/v1/ingest/status showed no pending opportunity: %s s.%n",
                    Stats.runs(asyncLagSeconds, "%.1f")));
        }
        b.append("\n## 2. Reads (latency in ms; pipeline ").append(readPipeline).append(")\n\n");
        b.append("| read | HTTP p50 | HTTP p95 | raw SQL p50 | raw SQL p95 | HTTP / SQL (p50) | SQL rows |\n");
        b.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (String name : List.of("one opportunity", "rep analytics", "stage analytics", "frozen list")) {
            if (skipped.containsKey(name)) {
                b.append("| ").append(name).append(" | skipped: ").append(skipped.get(name)).append(" | | | | | |\n");
                continue;
            }
            List<double[]> h = read(name, "http");
            List<double[]> s = read(name, "sql");
            if (h.isEmpty()) {
                b.append("| ").append(name).append(" | not measured (see failures) | | | | | |\n");
                continue;
            }
            b.append("| ").append(name).append(" | ").append(Stats.runs(perRun(h, 0.5), "%.1f")).append(" | ")
                    .append(Stats.runs(perRun(h, 0.95), "%.1f")).append(" | ")
                    .append(Stats.runs(perRun(s, 0.5), "%.1f")).append(" | ")
                    .append(Stats.runs(perRun(s, 0.95), "%.1f")).append(" | ")
                    .append(String.format("%.2f", Stats.median(perRun(h, 0.5)) / Stats.median(perRun(s, 0.5))))
                    .append(" | ").append(sqlRows.getOrDefault(name, 0)).append(" |\n");
        }

        b.append("\n## 3. Single-event ingest, open loop at ").append(config.singleRate).append(" req/s for ")
                .append(config.singleSeconds).append(" s\n\n");
        b.append("| sent | failed | achieved req/s | p50 ms | p99 ms | max ms |\n|---:|---:|---:|---:|---:|---:|\n");
        if (!single.isEmpty()) {
            b.append("| ").append(single.get(0).sent()).append(" | ")
                    .append(single.stream().mapToInt(Bench.OpenLoop::failed).sum()).append(" | ")
                    .append(Stats.runs(single.stream().map(Bench.OpenLoop::achievedPerSecond).toList(), "%.0f"))
                    .append(" | ").append(Stats.runs(single.stream().map(o -> Stats.percentile(o.latenciesMs(), 0.5)).toList(), "%.1f"))
                    .append(" | ").append(Stats.runs(single.stream().map(o -> Stats.percentile(o.latenciesMs(), 0.99)).toList(), "%.1f"))
                    .append(" | ").append(Stats.runs(single.stream().map(o -> Stats.percentile(o.latenciesMs(), 1.0)).toList(), "%.0f"))
                    .append(" |\n");
            b.append(String.format("%nGroup commit during the measured runs (/q/metrics): %.0f requests in %.0f"
                    + " transactions, %.1f requests per transaction, %.0f groups stored again one by one.%n",
                    singleGrouped, singleGroups, singleGroups == 0 ? 0 : singleGrouped / singleGroups, singleFallbacks));
        }

        b.append("\n## 4. Service memory and start-up\n\n");
        b.append("| RSS at rest | RSS peak, bulk ingest | RSS peak, single events | RSS idle after load | first start (migrations) | start-up |\n");
        b.append("|---:|---:|---:|---:|---:|---:|\n");
        b.append(String.format("| %.0f MB | %.0f MB | %.0f MB | %.0f MB | %.0f ms | %s ms |%n", rssRestMb, rssLoadMb,
                rssSingleMb, rssAfterMb, startupFirstMs, Stats.runs(startupMs, "%.0f")));

        renderWorkingTime(b);
        renderPages(b);
        renderFeed(b);

        b.append("\n## PostgreSQL time during the bulk-ingest matrix (pg_stat_statements, top statements)\n\n");
        b.append("| calls | total ms | mean ms | rows | statement |\n|---:|---:|---:|---:|---|\n");
        topStatements.forEach(line -> b.append(line).append('\n'));

        b.append("\n## Failures\n\n");
        if (failures.isEmpty()) {
            b.append("None.\n");
        } else {
            failures.stream().limit(20).forEach(f -> b.append("- ").append(f.replace("\n", " ")).append('\n'));
            if (failures.size() > 20) {
                b.append("- ... ").append(failures.size() - 20).append(" more\n");
            }
        }
        return b.toString();
    }

    private void renderFeed(StringBuilder b) {
        b.append("\n## 7. Visit feed full pull (issue 22)\n\n");
        if (feedHttp.isEmpty()) {
            b.append("Not measured: ").append(skipped.getOrDefault("visit feed", "see failures")).append("\n");
            return;
        }
        b.append(String.format("Pipeline `%s`: %d visits through GET /api/v1/visits as CSV, pages of 10,000, after a warm-up pull of two pages (COPY: %d"
                + " rows); rows/s per run, service RSS peak during the pulls %.0f MB.%n%n", feedPipeline, feedRows,
                feedCopyRows, feedRssMb));
        b.append("| run | HTTP feed rows/s | COPY rows/s | feed / COPY | load average before |\n|---:|---:|---:|---:|---|\n");
        for (int i = 0; i < feedHttp.size(); i++) {
            b.append(String.format("| %d | %.0f | %.0f | %.2f | %s |%n", i + 1, feedHttp.get(i), feedCopy.get(i),
                    feedHttp.get(i) / feedCopy.get(i), feedLoad.get(i)));
        }
    }

    private void renderWorkingTime(StringBuilder b) {
        List<Generator.PipelineDef> twins = new Generator(config.seed).twins();
        Generator.PipelineDef calendar = twins.get(0);
        Generator.PipelineDef working = twins.get(1);
        b.append("\n## 5. Working time (issue 12)\n\n");
        if (workingTime.isEmpty()) {
            b.append("Not measured (see failures).\n");
            return;
        }
        b.append(String.format("Two pipelines alike but for a calendar: `%s` counts calendar time, `%s` counts working"
                + " time (Europe/Paris, MON–FRI 09:00–18:00, French public holidays). %d events each (%d"
                + " opportunities, the same histories in both), ingested batch by batch in turn; then each read %d times"
                + " per run, in turn. Latencies in ms (p50 / p95).%n%n", calendar.id(), working.id(), workingTimeEvents,
                workingTimeOpportunities, WorkingTime.SAMPLES));
        b.append("| figure | calendar time | working time | working / calendar (p50) |\n|---|---:|---:|---:|\n");
        for (String key : workingTime.keySet()) {
            String figure = key.substring(0, key.indexOf('|'));
            if (!key.endsWith("|" + calendar.id())) {
                continue;
            }
            List<double[]> c = workingTime.get(figure + "|" + calendar.id());
            List<double[]> w = workingTime.getOrDefault(figure + "|" + working.id(), List.of());
            if (w.isEmpty()) {
                continue;
            }
            boolean rate = figure.equals(WorkingTime.INGEST);
            b.append("| ").append(figure).append(" | ").append(workingTimeCell(c, rate)).append(" | ")
                    .append(workingTimeCell(w, rate)).append(" | ")
                    .append(String.format("%.2f", Stats.median(perRun(w, 0.5)) / Stats.median(perRun(c, 0.5))))
                    .append(" |\n");
        }
    }

    private void renderPages(StringBuilder b) {
        b.append("\n## 6. Pages (issue 19)\n\n");
        if (skipped.containsKey(PAGES) || pages.isEmpty()) {
            b.append(skipped.getOrDefault(PAGES, "Not measured (see failures).")).append('\n');
            return;
        }
        b.append(String.format("Each page of pipeline %s as a signed-in browser asks for it (session cookie), %d times per"
                + " run after two warm-up requests. Latency in ms of the whole response; weight of the HTML in KB"
                + " (targets: p95 < 150 ms, < 200 KB).%n%n", readPipeline, pages.values().iterator().next().get(0).length));
        b.append("| page | p50 | p95 | KB |\n|---|---:|---:|---:|\n");
        pages.forEach((name, runs) -> b.append("| ").append(name).append(" | ")
                .append(Stats.runs(perRun(runs, 0.5), "%.1f")).append(" | ").append(Stats.runs(perRun(runs, 0.95), "%.1f"))
                .append(" | ").append(String.format("%.1f", pageBytes.getOrDefault(name, 0L) / 1024.0)).append(" |\n"));
    }

    /** A rate per run, or latencies as p50 / p95 per run. */
    private static String workingTimeCell(List<double[]> runs, boolean rate) {
        return rate ? Stats.runs(perRun(runs, 0.5), "%.0f")
                : Stats.runs(perRun(runs, 0.5), "%.1f") + " / " + Stats.runs(perRun(runs, 0.95), "%.1f");
    }

    private static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return String.format("%.1f GB", Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (Exception e) {
            // fall through
        }
        return ManagementFactory.getOperatingSystemMXBean().getName();
    }
}
