package io.pipelinehealth.bench;

import io.pipelinehealth.bench.Generator.Event;
import io.pipelinehealth.bench.Generator.PipelineDef;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** The four measurements of issue 5; each method answers raw samples, Report formats them. */
final class Bench {

    static final int BATCH = 1_000;

    final Config config;
    final Generator generator;
    final Http http;
    final Database db;
    final Service service;

    Bench(Config config) {
        this.config = config;
        this.generator = new Generator(config.seed);
        this.http = new Http(config.baseUrl());
        this.db = new Database(config);
        this.service = new Service(config);
    }

    /** PUTs each pipeline; answers whether all were stored (a failure is recorded). */
    boolean putPipelines(List<PipelineDef> pipelines) {
        boolean stored = true;
        for (PipelineDef p : pipelines) {
            HttpResponse<String> r = http.put("/api/v1/pipelines/" + p.id(), p.json());
            if (r == null || (r.statusCode() != 200 && r.statusCode() != 201)) {
                if (r != null) {
                    http.fail(r);
                }
                stored = false;
            }
        }
        return stored;
    }

    // ---- 1. bulk ingest ---------------------------------------------------------------------

    /** Streams a whole slice through HTTP JSON batches with n clients; answers events/s. */
    double loadHttp(Generator.Slice slice, int clients) throws InterruptedException {
        AtomicInteger sent = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(clients, i -> {
            List<Event> batch;
            while (!(batch = slice.take(BATCH)).isEmpty()) {
                http.postBatch("application/json", Formats.json(batch), batch.size());
                sent.addAndGet(batch.size());
            }
        });
        return sent.get() / ((System.nanoTime() - t0) / 1e9);
    }

    /** Pre-rendered bodies of one slice, so that the timed part is only sending and storing. */
    record Bodies(List<String> bodies, List<Integer> sizes, long events) {
    }

    Bodies render(String namespace, String format) {
        Generator.Slice slice = generator.slice(namespace, config.sliceEvents);
        List<String> bodies = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        long events = 0;
        List<Event> batch;
        while (!(batch = slice.take(BATCH)).isEmpty()) {
            bodies.add(switch (format) {
                case "json" -> Formats.json(batch);
                case "csv" -> Formats.csv(batch);
                default -> Formats.copyCsv(batch);
            });
            sizes.add(batch.size());
            events += batch.size();
        }
        return new Bodies(bodies, sizes, events);
    }

    double postBodies(Bodies b, String contentType, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(clients, i -> {
            int k;
            while ((k = next.getAndIncrement()) < b.bodies().size()) {
                http.postBatch(contentType, b.bodies().get(k), b.sizes().get(k));
            }
        });
        return b.events() / ((System.nanoTime() - t0) / 1e9);
    }

    /** The asynchronous mode: events/s until every batch is answered 202, until all are derived, and the lag. */
    record Async(double acceptedRate, double derivedRate, double lagSeconds) {
    }

    Async postBodiesAsync(Bodies b, String contentType, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        parallel(clients, i -> {
            int k;
            while ((k = next.getAndIncrement()) < b.bodies().size()) {
                http.postBatchAsync(contentType, b.bodies().get(k), b.sizes().get(k));
            }
        });
        long accepted = System.nanoTime();
        long deadline = accepted + TimeUnit.MINUTES.toNanos(10);
        while (http.pendingOpportunities() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        long derived = System.nanoTime();
        return new Async(b.events() / ((accepted - t0) / 1e9), b.events() / ((derived - t0) / 1e9),
                (derived - accepted) / 1e9);
    }

    /** COPY of the same rows: each client one connection and one COPY of its share of the batches. */
    double copyBodies(Bodies b, int clients) throws Exception {
        List<StringBuilder> shares = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            shares.add(new StringBuilder());
        }
        for (int k = 0; k < b.bodies().size(); k++) {
            shares.get(k % clients).append(b.bodies().get(k));
        }
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            connections.add(db.connect());
        }
        try {
            long t0 = System.nanoTime();
            parallel(clients, i -> db.copy(connections.get(i), shares.get(i).toString()));
            return b.events() / ((System.nanoTime() - t0) / 1e9);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    // ---- 2. reads ---------------------------------------------------------------------------

    /** Latencies in ms of GET path for each parameter value, after a warm-up. */
    double[] httpLatencies(List<String> paths, int warmup) {
        for (int i = 0; i < warmup; i++) {
            get(paths.get(i % paths.size()));
        }
        double[] ms = new double[paths.size()];
        for (int i = 0; i < paths.size(); i++) {
            long t0 = System.nanoTime();
            get(paths.get(i));
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        return ms;
    }

    private void get(String path) {
        http.leanGet(path);
    }

    double[] sqlLatencies(Database.Query query, List<Map<String, String>> params, int warmup) throws Exception {
        try (Connection c = db.connect()) {
            for (int i = 0; i < warmup; i++) {
                query.run(c, params.get(i % params.size()));
            }
            double[] ms = new double[params.size()];
            for (int i = 0; i < params.size(); i++) {
                long t0 = System.nanoTime();
                query.run(c, params.get(i));
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            return ms;
        }
    }

    /** Random opportunities of the loaded data set, the same ones for HTTP and SQL. */
    List<String> sampleOpportunities(int opportunities, int n, long seed) {
        Random r = new Random(seed);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(Generator.opportunityId("b", r.nextInt(opportunities)));
        }
        return ids;
    }

    // ---- 3. single events, open loop ---------------------------------------------------------

    record OpenLoop(double[] latenciesMs, int sent, int failed, double achievedPerSecond) {
    }

    /**
     * One event per request at a fixed rate: request i is due at start + i / rate whatever the
     * answers do, and its latency counts from that due time, so queueing shows (no coordinated
     * omission). Consecutive requests go to different opportunities (round robin over them). Up to
     * 64 requests are in flight, each on its own keep-alive connection; a due request finding all
     * 64 busy waits, and its wait counts in its latency.
     */
    OpenLoop openLoop(String namespace, int rate, int seconds) throws InterruptedException {
        int n = rate * seconds;
        List<String> bodies = new ArrayList<>(n);
        Generator.Slice slice = generator.slice(namespace, n);
        List<List<Event>> byOpportunity = new ArrayList<>();
        List<Event> all = slice.take(Integer.MAX_VALUE);
        String current = null;
        for (Event e : all) {
            if (!e.opportunityId().equals(current)) {
                byOpportunity.add(new ArrayList<>());
                current = e.opportunityId();
            }
            byOpportunity.get(byOpportunity.size() - 1).add(e);
        }
        for (int k = 0; bodies.size() < n; k++) {
            boolean any = false;
            for (List<Event> events : byOpportunity) {
                if (k < events.size() && bodies.size() < n) {
                    bodies.add(Formats.json(List.of(events.get(k))));
                    any = true;
                }
            }
            if (!any) {
                break;
            }
        }
        double[] latencies = new double[bodies.size()];
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(bodies.size());
        ConcurrentLinkedQueue<Long> completions = new ConcurrentLinkedQueue<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        ExecutorService senders = Executors.newFixedThreadPool(64);
        try {
            for (int i = 0; i < bodies.size(); i++) {
                long due = start + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                String body = bodies.get(i);
                int index = i;
                senders.execute(() -> {
                    boolean ok = http.leanPostEvent(body);
                    long now = System.nanoTime();
                    latencies[index] = (now - due) / 1e6;
                    completions.add(now);
                    if (!ok) {
                        failed.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            if (!done.await(120, TimeUnit.SECONDS)) {
                http.failures.add("single events: answers missing after 120 s");
            }
        } finally {
            senders.shutdownNow();
        }
        long last = completions.stream().max(Comparator.naturalOrder()).orElse(start + 1);
        return new OpenLoop(latencies, bodies.size(), failed.get(), bodies.size() / ((last - start) / 1e9));
    }

    // ---- helpers ------------------------------------------------------------------------------

    interface Task {
        void run(int client) throws Exception;
    }

    static void parallel(int n, Task task) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < n; i++) {
            int client = i;
            Thread t = new Thread(() -> {
                try {
                    task.run(client);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "client-" + i);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("client failed: " + failures.peek(), failures.peek());
        }
    }
}
