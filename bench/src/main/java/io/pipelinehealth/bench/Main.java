package io.pipelinehealth.bench;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the whole benchmark of issue 5 against a running PostgreSQL: starts the service jar,
 * loads the data set through HTTP and through COPY, measures, prints and writes the report.
 * Exit status 1 when any request failed or a read came back empty.
 */
public final class Main {

    public static void main(String[] args) throws Exception {
        Config config = Config.parse(args);
        if (config.soakMinutes > 0) {
            System.exit(soak(config, new Bench(config)));
        }
        Bench bench = new Bench(config);
        Report report = new Report(config);
        int exit = 0;
        try {
            run(config, bench, report);
        } catch (Exception | Error e) {
            bench.http.failures.add("benchmark aborted: " + e);
            e.printStackTrace();
        } finally {
            bench.service.stop();
        }
        report.failures(bench.http.failures);
        String text = report.render();
        System.out.println(text);
        if (config.out != null) {
            Files.createDirectories(Path.of(config.out).getParent());
            Files.writeString(Path.of(config.out), text);
        }
        if (!bench.http.failures.isEmpty()) {
            exit = 1;
        }
        System.out.println((exit == 0 ? "bench: OK" : "bench: FAILED (" + bench.http.failures.size() + " failures)")
                + " size=" + config.size + " events=" + report.loadedEvents + " runs=" + config.runs
                + (config.out == null ? "" : " report=" + config.out));
        System.exit(exit);
    }

    /** bench/run --soak: the store loaded through HTTP, then {@link Soak}; answers the exit status. */
    private static int soak(Config config, Bench bench) throws Exception {
        StringBuilder text = new StringBuilder();
        try {
            log("starting the service (" + config.jvmFlags + ")");
            bench.service.start();
            bench.putPipelines(bench.generator.pipelines());
            log("loading " + config.events + " events through HTTP with 2 clients");
            Generator.Slice base = bench.generator.slice("b", config.events);
            bench.loadHttp(base, 2);
            while (bench.http.pendingOpportunities() > 0) {
                Thread.sleep(200);
            }
            bench.db.execute("vacuum analyze");
            text.append("## Soak, size ").append(config.size).append(", ").append(config.soakMinutes)
                    .append(" min (").append(base.emitted).append(" events loaded first; ")
                    .append(bench.db.scalar("select version()")).append(")\n\n");
            text.append(new Soak(bench, config.soakMinutes).run(base.opportunities()));
            text.append("\nStore after the soak: ").append(bench.db.scalar("select count(*) from transition_event"))
                    .append(" transitions; RSS at the end ").append(String.format(java.util.Locale.ROOT, "%.0f",
                            bench.service.rssMb())).append(" MB\n");
        } catch (Exception | Error e) {
            bench.http.failures.add("soak aborted: " + e);
            e.printStackTrace();
        } finally {
            bench.service.stop();
        }
        if (!bench.http.failures.isEmpty()) {
            text.append("\nErrors (").append(bench.http.failures.size()).append(" recorded; the soak records its first 20):\n");
            bench.http.failures.forEach(f -> text.append("- ").append(f).append('\n'));
        }
        System.out.println(text);
        if (config.out != null) {
            Files.createDirectories(Path.of(config.out).getParent());
            Files.writeString(Path.of(config.out), text);
        }
        boolean ok = bench.http.failures.isEmpty();
        System.out.println((ok ? "bench: OK" : "bench: FAILED (" + bench.http.failures.size() + " failures)")
                + " soak size=" + config.size + " minutes=" + config.soakMinutes
                + (config.out == null ? "" : " report=" + config.out));
        return ok ? 0 : 1;
    }

    static void log(String message) {
        System.err.printf("[bench %tT] %s%n", System.currentTimeMillis(), message);
    }

    private static void run(Config config, Bench bench, Report report) throws Exception {
        Database db = bench.db;
        report.postgres = db.scalar("select version()");
        // ---- 4. start-up (first start migrates the empty schema) and RSS at rest
        log("starting the service (" + config.jvmFlags + ")");
        report.startupFirstMs = bench.service.start();
        // after the service's Flyway migration: Flyway refuses a non-empty schema without its history
        db.execute("create extension if not exists pg_stat_statements");
        db.createSchema(bench.generator.pipelines());
        for (int r = 0; r < config.runs; r++) {
            bench.service.stop();
            report.startupMs.add(bench.service.start());
        }
        Thread.sleep(2000);
        report.rssRestMb = bench.service.rssMb();
        bench.putPipelines(bench.generator.pipelines());

        // ---- full load: the data set through HTTP (JSON, most clients) and through COPY
        int maxClients = java.util.Arrays.stream(config.clients).max().orElse(1);
        log("loading " + config.events + " events through HTTP with " + maxClients + " clients");
        Generator.Slice base = bench.generator.slice("b", config.events);
        try (Service.RssSampler rss = bench.service.new RssSampler()) {
            report.fullLoadHttp = bench.loadHttp(base, maxClients);
            report.rssLoadMb = Math.max(report.rssLoadMb, rss.peak());
        }
        report.loadedEvents = base.emitted;
        report.opportunities = base.opportunities();
        log("loading the same events with COPY into bench_event");
        long t0 = System.nanoTime();
        long copied = db.copyStream(bench.generator.slice("b", config.events));
        report.fullLoadCopy = copied / ((System.nanoTime() - t0) / 1e9);
        db.execute("vacuum analyze");

        // ---- 2. reads
        log("reads");
        reads(config, bench, report);
        new FeedPull(bench, report).run(); // section 7, issue 22

        // ---- 6. pages (issue 19), on the loaded store before the slices below grow it
        log("pages");
        new Pages(bench, report, config.analyticsSamples).run(report.readPipeline, Generator.opportunityId("b", 0),
                config.runs);
        if (config.scaleOnly) {
            report.rssAfterMb = bench.service.rssMb();
            return;
        }

        // ---- 3. single events at a fixed rate
        log("single events at " + config.singleRate + "/s for " + config.singleSeconds + " s");
        bench.openLoop("warm", config.singleRate, Math.min(2, config.singleSeconds));
        String[] groupMetrics = {"pipeline_health_ingest_group_requests_count",
                "pipeline_health_ingest_group_requests_sum", "pipeline_health_ingest_group_fallbacks_total"};
        double[] groupsBefore = bench.http.metrics(groupMetrics);
        for (int r = 0; r < config.runs; r++) {
            try (Service.RssSampler rss = bench.service.new RssSampler()) {
                Bench.OpenLoop o = bench.openLoop("live" + r, config.singleRate, config.singleSeconds);
                report.single.add(o);
                report.rssSingleMb = Math.max(report.rssSingleMb, rss.peak());
            }
        }
        double[] groupsAfter = bench.http.metrics(groupMetrics);
        report.singleGroups = groupsAfter[0] - groupsBefore[0];
        report.singleGrouped = groupsAfter[1] - groupsBefore[1];
        report.singleFallbacks = groupsAfter[2] - groupsBefore[2];

        // ---- 1. bulk ingest matrix: fresh slices into the loaded store, same rows by COPY
        try {
            db.execute("select pg_stat_statements_reset()");
        } catch (java.sql.SQLException e) {
            // not preloaded (the Citus cluster of bench/run --citus): the report says so, the matrix runs
            log("no pg_stat_statements: " + e.getMessage().split("\n")[0]);
        }
        try (Service.RssSampler rss = bench.service.new RssSampler()) {
            for (int r = 0; r < config.runs; r++) {
                for (int clients : config.clients) {
                    log("bulk run " + (r + 1) + "/" + config.runs + ", " + clients + " client(s)");
                    String ns = "c" + clients + "r" + r;
                    report.ingest("JSON", clients).add(bench.postBodies(bench.render("j" + ns, "json"),
                            "application/json", clients));
                    report.ingest("CSV", clients).add(bench.postBodies(bench.render("v" + ns, "csv"), "text/csv",
                            clients));
                    report.ingest("COPY", clients).add(bench.copyBodies(bench.render("j" + ns, "copy"), clients));
                    Bench.Async async = bench.postBodiesAsync(bench.render("a" + ns, "json"), "application/json",
                            clients);
                    report.ingest(Report.ASYNC_ACCEPTED, clients).add(async.acceptedRate());
                    report.ingest(Report.ASYNC_DERIVED, clients).add(async.derivedRate());
                    report.asyncLagSeconds.add(async.lagSeconds());
                }
            }
            report.rssLoadMb = Math.max(report.rssLoadMb, rss.peak());
        }
        report.topStatements = db.topStatements(8);

        // ---- 5. working time (issue 12): a calendar pipeline beside its calendar-time twin
        log("working time: " + WorkingTime.eventsPerTwin(config.events) + " events per twin");
        new WorkingTime(bench, report).run();
        Thread.sleep(2000);
        report.rssAfterMb = bench.service.rssMb();
    }

    private static void reads(Config config, Bench bench, Report report) throws Exception {
        String pipeline = bench.generator.pipelines().get(0).id();
        report.readPipeline = pipeline;
        Map<String, String> pipelineParam = Map.of("pipeline_id", pipeline);
        record Read(String name, String path, String sql, int samples) {
        }
        List<Read> reads = new ArrayList<>();
        reads.add(new Read("one opportunity", null, "opportunity", config.readSamples));
        reads.add(new Read("rep analytics", "/api/v1/analytics/reps?pipelineId=" + pipeline, "reps",
                config.analyticsSamples));
        reads.add(new Read("stage analytics", "/api/v1/analytics/stages?pipelineId=" + pipeline, "stages",
                config.analyticsSamples));
        reads.add(new Read("frozen list", "/api/v1/frozen?pipelineId=" + pipeline, "frozen",
                config.analyticsSamples));
        for (Read read : reads) {
            if (read.path() != null) {
                HttpResponse<String> probe = bench.http.get(read.path());
                if (probe != null && probe.statusCode() == 404) {
                    report.skipped.put(read.name(), "GET " + read.path() + " answers 404: not on this branch yet");
                    continue;
                }
                if (probe == null || probe.statusCode() != 200) {
                    if (probe != null) {
                        bench.http.fail(probe);
                    }
                    continue;
                }
            }
            Database.Query query = bench.db.query(read.sql());
            for (int r = 0; r < config.runs; r++) {
                List<String> paths = new ArrayList<>();
                List<Map<String, String>> params = new ArrayList<>();
                if (read.path() == null) {
                    for (String id : bench.sampleOpportunities(report.opportunities, read.samples(), 1000 + r)) {
                        paths.add("/api/v1/opportunities/" + id);
                        params.add(Map.of("opportunity_id", id));
                    }
                } else {
                    for (int i = 0; i < read.samples(); i++) {
                        paths.add(read.path());
                        params.add(pipelineParam);
                    }
                }
                int warmup = Math.max(2, read.samples() / 5);
                double[] h = bench.httpLatencies(paths, warmup);
                double[] s = bench.sqlLatencies(query, params, warmup);
                report.read(read.name(), "http").add(h);
                report.read(read.name(), "sql").add(s);
            }
            try (var c = bench.db.connect()) {
                report.sqlRows.put(read.name(), query.run(c, params0(read.path() == null, report, pipelineParam)));
            }
        }
    }

    private static Map<String, String> params0(boolean opportunity, Report report, Map<String, String> pipeline) {
        return opportunity ? Map.of("opportunity_id", Generator.opportunityId("b", 0)) : pipeline;
    }

    static Map<String, List<Double>> newMap() {
        return new LinkedHashMap<>();
    }
}
