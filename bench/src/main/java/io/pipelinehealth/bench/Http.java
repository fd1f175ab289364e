package io.pipelinehealth.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * java.net.http against the service for the bulk paths, {@link KeepAliveClient} for the timed
 * single events and reads; every unexpected answer is recorded as a failure.
 */
final class Http {

    private static final Pattern STORED = Pattern.compile("\"stored\"\\s*:\\s*(\\d+)");
    private static final Pattern DUPLICATES = Pattern.compile("\"duplicates\"\\s*:\\s*(\\d+)");
    private static final Pattern PENDING = Pattern.compile("\"pendingOpportunities\"\\s*:\\s*(\\d+)");

    /**
     * The API key every request sends: PIPELINE_HEALTH_KEY when set (a service started elsewhere),
     * else a fresh random key that {@link Service} gives the started service as its bootstrap key.
     */
    static final String KEY = System.getenv().getOrDefault("PIPELINE_HEALTH_KEY",
            "ph_bench-" + java.util.UUID.randomUUID() + java.util.UUID.randomUUID());

    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(60)).build();
    final String base;
    final List<String> failures = new CopyOnWriteArrayList<>();
    /** As many connections as the open loop may have requests in flight. */
    final KeepAliveClient lean;

    Http(String base) {
        this.base = base;
        this.lean = new KeepAliveClient(base, KEY, 64);
    }

    /** Samples of one /q/metrics scrape, each summed over its labels (0 when absent or unreadable). */
    double[] metrics(String... names) {
        double[] values = new double[names.length];
        HttpResponse<String> r = get("/q/metrics");
        if (r == null || r.statusCode() != 200) {
            if (r != null) {
                fail(r);
            }
            return values;
        }
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            values[i] = r.body().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        }
        return values;
    }

    /** One /q/metrics sample summed over the series whose labels contain label (NaN when unreadable). */
    double metricsWith(String name, String label) {
        HttpResponse<String> r = get("/q/metrics");
        if (r == null || r.statusCode() != 200) {
            return Double.NaN;
        }
        return r.body().lines().filter(l -> l.startsWith(name + "{") && l.contains(label))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    /** A timed GET: answers whether it was a 200, recording anything else as a failure. */
    boolean leanGet(String path) {
        try {
            KeepAliveClient.Response r = lean.get(path);
            if (r.status() != 200) {
                fail("GET " + path, r.status(), r.body());
                return false;
            }
            return true;
        } catch (Exception e) {
            failures.add("GET " + path + ": " + e);
            return false;
        }
    }

    /** A timed single-event POST: answers whether the event was stored or a duplicate. */
    boolean leanPostEvent(String json) {
        try {
            KeepAliveClient.Response r = lean.post("/api/v1/transitions", "application/json", json);
            if (r.status() != 200) {
                fail("POST /api/v1/transitions", r.status(), r.body());
                return false;
            }
            return accounted(r.body(), 1);
        } catch (Exception e) {
            failures.add("single event: " + e);
            return false;
        }
    }

    HttpRequest postRequest(String path, String contentType, String body) {
        return post(path, contentType, body).build();
    }

    private HttpRequest.Builder post(String path, String contentType, String body) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
    }

    /** The asynchronous mode (Prefer: respond-async): a batch must answer 202 once its events are stored. */
    void postBatchAsync(String contentType, String body, int events) {
        HttpResponse<String> r = send(post("/api/v1/transitions", contentType, body)
                .header("Prefer", "respond-async").build());
        checkBatch(r, events, 202);
    }

    /** Opportunities whose visits are still to derive (GET /api/v1/ingest/status), -1 if unknown. */
    int pendingOpportunities() {
        HttpResponse<String> r = get("/api/v1/ingest/status");
        if (r == null || r.statusCode() != 200) {
            if (r != null) {
                fail(r);
            }
            return -1;
        }
        return number(PENDING, r.body());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            failures.add(request.method() + " " + request.uri() + ": " + e);
            return null;
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + KEY).GET().build());
    }

    HttpResponse<String> put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A batch must answer 200 and account for every event as stored or duplicate. */
    void postBatch(String contentType, String body, int events) {
        HttpResponse<String> r = send(postRequest("/api/v1/transitions", contentType, body));
        checkBatch(r, events);
    }

    boolean checkBatch(HttpResponse<String> r, int events) {
        return checkBatch(r, events, 200);
    }

    boolean checkBatch(HttpResponse<String> r, int events, int status) {
        if (r == null) {
            return false;
        }
        if (r.statusCode() != status) {
            fail(r);
            return false;
        }
        return accounted(r.body(), events);
    }

    private boolean accounted(String body, int events) {
        int stored = number(STORED, body);
        int duplicates = number(DUPLICATES, body);
        if (stored + duplicates != events) {
            failures.add("POST /api/v1/transitions: " + events + " sent, answer " + body);
            return false;
        }
        return true;
    }

    void fail(HttpResponse<String> r) {
        fail(r.request().method() + " " + r.uri().getPath(), r.statusCode(), r.body());
    }

    private void fail(String request, int status, String body) {
        String text = body == null ? "" : body;
        failures.add(request + " -> " + status + " " + text.substring(0, Math.min(300, text.length())));
    }

    private static int number(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
