package io.pipelinehealth.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The soak of issue 20 ({@code bench/run --soak 30m}): on the loaded store, a mixed open-loop load
 * at fixed rates for the given time, and per minute the service's RSS, its heap after a full GC,
 * p50 and p99 of each kind of request, the connection pool's use and the errors. Open loop as in
 * {@link Bench#openLoop}: each request is due at a fixed time whatever the answers do and its
 * latency counts from that time, so a stall shows instead of slowing the load down.
 */
final class Soak {

    /** One kind of request at a fixed rate; the body supplier is called on the scheduling thread. */
    private record Kind(String name, double perSecond, Supplier<Call> next) {
    }

    private record Call(String method, String path, String contentType, String body) {
    }

    /** What one minute saw of one kind: latencies in ms and errors. */
    private static final class Bucket {
        final List<Double> ms = new ArrayList<>();
        int errors;
    }

    private static final int SINGLE_PER_SECOND = 10;
    private static final int BATCH_EVENTS = 50;
    private static final double BATCHES_PER_SECOND = 0.2;
    private static final int READS_PER_SECOND = 10;
    private static final double ANALYTICS_PER_SECOND = 1 / 3.0;
    private static final double EXPORTS_PER_SECOND = 1 / 30.0;
    private static final int EXPORT_PAGE = 10_000;

    private final Bench bench;
    private final int minutes;
    private final List<Kind> kinds = new ArrayList<>();
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private double[] rss;
    private double[] heap;
    private int[] active;
    private int[] awaiting;
    private final AtomicInteger loggedErrors = new AtomicInteger();
    private volatile long start;
    private volatile int poolActiveMax;
    private volatile int poolAwaitingMax;
    private volatile String exportCursor;

    Soak(Bench bench, int minutes) {
        this.bench = bench;
        this.minutes = minutes;
    }

    /** Runs the load; answers the report (markdown), and records errors in bench.http.failures. */
    String run(int opportunities) throws Exception {
        String pipeline = bench.generator.pipelines().get(0).id();
        long singles = (long) SINGLE_PER_SECOND * 60 * minutes + 100;
        long batched = (long) Math.ceil(BATCHES_PER_SECOND * 60 * minutes + 10) * BATCH_EVENTS;
        Generator.Slice singleSlice = bench.generator.slice("s", singles);
        Generator.Slice batchSlice = bench.generator.slice("k", batched);
        Random random = new Random(7);
        String[] analytics = {"/api/v1/analytics/reps?pipelineId=" + pipeline,
                "/api/v1/analytics/stages?pipelineId=" + pipeline, "/api/v1/frozen?pipelineId=" + pipeline};
        AtomicInteger analyticsTurn = new AtomicInteger();
        kinds.add(new Kind("single", SINGLE_PER_SECOND, () -> new Call("POST", "/api/v1/transitions",
                "application/json", Formats.json(singleSlice.take(1)))));
        kinds.add(new Kind("batch", BATCHES_PER_SECOND, () -> new Call("POST", "/api/v1/transitions",
                "application/json", Formats.json(batchSlice.take(BATCH_EVENTS)))));
        kinds.add(new Kind("read", READS_PER_SECOND, () -> new Call("GET",
                "/api/v1/opportunities/" + Generator.opportunityId("b", random.nextInt(opportunities)), null, null)));
        kinds.add(new Kind("analytics", ANALYTICS_PER_SECOND, () -> new Call("GET",
                analytics[analyticsTurn.getAndIncrement() % analytics.length], null, null)));
        kinds.add(new Kind("export", EXPORTS_PER_SECOND, () -> new Call("GET", "/api/v1/visits?format=csv&limit="
                + EXPORT_PAGE + "&pipelineId=" + pipeline + (exportCursor == null ? ""
                : "&cursor=" + URLEncoder.encode(exportCursor, StandardCharsets.UTF_8)), null, null)));

        ExecutorService senders = Executors.newFixedThreadPool(48);
        start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        long end = start + TimeUnit.MINUTES.toNanos(minutes);
        List<Thread> schedulers = new ArrayList<>();
        for (Kind kind : kinds) {
            Thread t = new Thread(() -> schedule(kind, end, senders), "soak-" + kind.name());
            t.start();
            schedulers.add(t);
        }
        Thread pool = new Thread(() -> samplePool(end), "soak-pool");
        pool.setDaemon(true);
        pool.start();
        Main.log("soak: " + minutes + " min; single events " + SINGLE_PER_SECOND + "/s, batches of " + BATCH_EVENTS
                + " every " + Math.round(1 / BATCHES_PER_SECOND) + " s, opportunity reads " + READS_PER_SECOND
                + "/s, analytics every " + Math.round(1 / ANALYTICS_PER_SECOND) + " s, a " + EXPORT_PAGE
                + "-row CSV page of the visit feed every " + Math.round(1 / EXPORTS_PER_SECOND) + " s");
        rss = new double[minutes];
        heap = new double[minutes];
        active = new int[minutes];
        awaiting = new int[minutes];
        for (int m = 0; m < minutes; m++) {
            long minuteEnd = start + TimeUnit.MINUTES.toNanos(m + 1);
            long wait;
            while ((wait = minuteEnd - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            active[m] = poolActiveMax;
            awaiting[m] = poolAwaitingMax;
            poolActiveMax = 0;
            poolAwaitingMax = 0;
            rss[m] = bench.service.rssMb();
            heap[m] = heapAfterFullGc();
            if (m > 0) { // the minute before: its late answers are in by now
                Main.log("soak " + row(m - 1));
            }
        }
        for (Thread t : schedulers) {
            t.join();
        }
        senders.shutdown();
        if (!senders.awaitTermination(2, TimeUnit.MINUTES)) {
            bench.http.failures.add("soak: answers still missing 2 min after the end");
            senders.shutdownNow();
        }
        List<String> rows = new ArrayList<>();
        rows.add("| min | requests | errors | single p50 / p99 | batch p50 / p99 | read p50 / p99 | analytics p99 "
                + "| export p99 | RSS MB | heap after GC MB | pool active max / awaiting max |");
        rows.add("|---|---|---|---|---|---|---|---|---|---|---|");
        for (int m = 0; m < minutes; m++) {
            rows.add(row(m));
        }
        return String.join("\n", rows) + "\n";
    }
    private void schedule(Kind kind, long end, ExecutorService senders) {
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / kind.perSecond());
        for (long due = start; due < end; due += interval) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            Call call = kind.next().get();
            long dueAt = due;
            senders.execute(() -> send(kind.name(), call, dueAt));
        }
    }

    private void send(String kind, Call call, long due) {
        boolean ok;
        String problem = null;
        try {
            KeepAliveClient.Response r = "GET".equals(call.method()) ? bench.http.lean.get(call.path())
                    : bench.http.lean.post(call.path(), call.contentType(), call.body());
            ok = r.status() / 100 == 2;
            if (!ok) {
                problem = r.status() + " " + r.body().substring(0, Math.min(200, r.body().length()));
            } else if ("export".equals(kind)) {
                exportCursor = r.nextCursor();
            }
        } catch (Exception e) {
            ok = false;
            problem = e.toString();
        }
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(kind + "@" + (due - start) / TimeUnit.MINUTES.toNanos(1), k -> new Bucket());
        synchronized (b) {
            b.ms.add((now - due) / 1e6);
            if (!ok) {
                b.errors++;
            }
        }
        if (problem != null && loggedErrors.incrementAndGet() <= 20) {
            bench.http.failures.add("soak " + kind + " " + call.method() + " " + call.path() + ": " + problem);
        }
    }

    private String row(int m) {
        int requests = 0;
        int errors = 0;
        StringBuilder cells = new StringBuilder();
        for (Kind kind : kinds) {
            Bucket b = buckets.getOrDefault(kind.name() + "@" + m, new Bucket());
            synchronized (b) {
                requests += b.ms.size();
                errors += b.errors;
                boolean both = !kind.name().equals("analytics") && !kind.name().equals("export");
                cells.append(" | ").append(both ? ms(b.ms, 0.5) + " / " : "").append(ms(b.ms, 0.99));
            }
        }
        return String.format(Locale.ROOT, "| %d | %d | %d%s | %.0f | %.1f | %d / %d |", m + 1, requests, errors,
                cells, rss[m], heap[m], active[m], awaiting[m]);
    }

    private static String ms(List<Double> values, double p) {
        return values.isEmpty() ? "–" : String.format(Locale.ROOT, "%.1f", Stats.percentile(values, p));
    }

    /**
     * Heap used right after a full collection that jcmd asks for: what stays alive, which is what
     * must not grow. Once a minute; the pause (tens of ms on this heap) is part of the figures.
     */
    private double heapAfterFullGc() {
        try {
            Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd")
                    .toString(), String.valueOf(bench.service.pid()), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Double.NaN;
            }
            return bench.http.metricsWith("jvm_memory_used_bytes", "area=\"heap\"") / (1024.0 * 1024.0);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /** The pool's busy and waiting connections, once a second (agroal's gauges on /q/metrics). */
    private void samplePool(long end) {
        while (System.nanoTime() < end) {
            double[] v = bench.http.metrics("agroal_active_count", "agroal_awaiting_count");
            poolActiveMax = Math.max(poolActiveMax, (int) v[0]);
            poolAwaitingMax = Math.max(poolAwaitingMax, (int) v[1]);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
