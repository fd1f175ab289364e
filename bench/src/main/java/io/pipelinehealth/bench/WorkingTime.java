package io.pipelinehealth.bench;

import io.pipelinehealth.bench.Generator.Event;
import io.pipelinehealth.bench.Generator.PipelineDef;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Issue 12's performance check: two pipelines alike but for a working-time calendar (Paris office
 * hours, weekdays, French holidays), the same histories in each, ingested batch by batch in turn,
 * then the same reads of each in turn. Plus two deals open at their first stage, one for a week and
 * one for a year: working time is computed without walking day by day, so the year costs no more.
 */
final class WorkingTime {

    static final int SAMPLES = 50;
    /** The one figure that is a rate (one value per run), not latencies. */
    static final String INGEST = "ingest, JSON batches of 1,000 (events/s)";

    private final Bench bench;
    private final Report report;

    WorkingTime(Bench bench, Report report) {
        this.bench = bench;
        this.report = report;
    }

    /** Events per twin: a tenth of the data set, at least 1,000 and at most 100,000. */
    static long eventsPerTwin(long events) {
        return Math.max(1_000, Math.min(100_000, events / 10));
    }

    void run() throws Exception {
        List<PipelineDef> twins = bench.generator.twins();
        if (!bench.putPipelines(twins)) {
            return;
        }
        long perTwin = eventsPerTwin(bench.config.events);
        report.workingTimeEvents = perTwin;
        ingest(twins, perTwin);
        openDeals(twins);
        for (int run = 0; run < bench.config.runs; run++) {
            reads(twins, run);
        }
    }

    private static String namespace(PipelineDef twin) {
        return twin.calendar() == null ? "wc" : "ww";
    }

    /** The twins' batches in turn, one client, each timed on its own. */
    private void ingest(List<PipelineDef> twins, long perTwin) {
        List<Generator.Slice> slices = twins.stream()
                .map(t -> bench.generator.slice("wt", namespace(t), perTwin, t)).toList();
        long[] nanos = new long[twins.size()];
        long[] events = new long[twins.size()];
        boolean more = true;
        while (more) {
            more = false;
            for (int i = 0; i < twins.size(); i++) {
                List<Event> batch = slices.get(i).take(Bench.BATCH);
                if (batch.isEmpty()) {
                    continue;
                }
                more = true;
                String body = Formats.json(batch);
                long t0 = System.nanoTime();
                bench.http.postBatch("application/json", body, batch.size());
                nanos[i] += System.nanoTime() - t0;
                events[i] += batch.size();
            }
        }
        for (int i = 0; i < twins.size(); i++) {
            report.workingTime(twins.get(i), INGEST)
                    .add(new double[] {events[i] / (nanos[i] / 1e9)});
            report.workingTimeOpportunities = slices.get(i).opportunities();
        }
    }

    /** One deal in each twin entered its first stage a week ago, one a year ago; neither moved since. */
    private void openDeals(List<PipelineDef> twins) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (PipelineDef twin : twins) {
            for (String age : List.of("week", "year")) {
                Instant entered = now.minus(Duration.ofDays(age.equals("week") ? 7 : 365));
                String id = namespace(twin) + "-open-" + age;
                bench.http.postBatch("application/json", Formats.json(List.of(new Event(id + "-e0", id, twin.id(),
                        twin.openStages().get(0).key(), entered.getEpochSecond(), Generator.rep(0), "1000.00", "EUR",
                        "emea", "mid"))), 1);
            }
        }
    }

    private void reads(List<PipelineDef> twins, int run) {
        Random random = new Random(2_000 + run);
        List<Integer> sample = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            sample.add(random.nextInt(Math.max(1, report.workingTimeOpportunities)));
        }
        int warmup = 5;
        List<PipelineDef> order = new ArrayList<>(twins);
        if (run % 2 == 1) {
            java.util.Collections.reverse(order); // neither twin always reads after the other
        }
        for (PipelineDef twin : order) {
            String ns = namespace(twin);
            List<String> one = sample.stream().map(i -> "/api/v1/opportunities/" + Generator.opportunityId(ns, i))
                    .toList();
            measure(twin, "one opportunity", one, warmup);
            measure(twin, "rep analytics", repeat("/api/v1/analytics/reps?pipelineId=" + twin.id()), warmup);
            measure(twin, "stage analytics", repeat("/api/v1/analytics/stages?pipelineId=" + twin.id()), warmup);
            measure(twin, "frozen list", repeat("/api/v1/frozen?pipelineId=" + twin.id()), warmup);
            measure(twin, "a deal open for a week", repeat("/api/v1/opportunities/" + ns + "-open-week"), warmup);
            measure(twin, "a deal open for a year", repeat("/api/v1/opportunities/" + ns + "-open-year"), warmup);
        }
    }

    private static List<String> repeat(String path) {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            paths.add(path);
        }
        return paths;
    }

    private void measure(PipelineDef twin, String read, List<String> paths, int warmup) {
        report.workingTime(twin, read).add(bench.httpLatencies(paths, warmup));
    }
}
