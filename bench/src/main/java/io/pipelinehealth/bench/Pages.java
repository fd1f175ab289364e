package io.pipelinehealth.bench;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Section 6 (issue 19): the pages as a browser asks for them, with the session cookie of a form
 * sign-in, on the loaded store. Latency of the whole response, and its weight in bytes (HTML
 * only: the stylesheet is one small static file the browser caches).
 */
final class Pages {

    private static final Pattern OWNER = Pattern.compile("\"ownerId\":\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([0-9a-f]+)\"");

    private final Bench bench;
    private final Report report;
    private final int samples;
    private String cookie;

    Pages(Bench bench, Report report, int samples) {
        this.bench = bench;
        this.report = report;
        this.samples = samples;
    }

    void run(String pipeline, String opportunity, int runs) {
        if (!signIn()) {
            return;
        }
        HttpResponse<String> reps = bench.http.get("/api/v1/analytics/reps?pipelineId=" + pipeline);
        Matcher owner = OWNER.matcher(reps == null ? "" : reps.body());
        String rep = owner.find() ? owner.group(1) : "none";
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("pipelines (/ui/)", "/ui/");
        pages.put("pipeline view", "/ui/pipelines/" + pipeline);
        pages.put("frozen board", "/ui/pipelines/" + pipeline + "/frozen");
        pages.put("one deal's timeline", "/ui/opportunities/" + opportunity);
        pages.put("rep page", "/ui/reps/" + URLEncoder.encode(rep, StandardCharsets.UTF_8).replace("+", "%20")
                + "?pipelineId=" + pipeline);
        for (var page : pages.entrySet()) {
            for (int r = 0; r < runs; r++) {
                double[] ms = new double[samples];
                for (int i = 0; i < samples + 2; i++) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = get(page.getValue());
                    double elapsed = (System.nanoTime() - t0) / 1e6;
                    if (response == null || response.statusCode() != 200) {
                        if (response != null) {
                            bench.http.fail(response);
                        }
                        return;
                    }
                    if (i >= 2) { // two warm-up requests
                        ms[i - 2] = elapsed;
                    }
                    report.pageBytes.put(page.getKey(), (long) response.body().getBytes(StandardCharsets.UTF_8).length);
                }
                report.pages.computeIfAbsent(page.getKey(), k -> new ArrayList<>()).add(ms);
            }
        }
    }

    /** As a browser signs in: the form page first, for its CSRF cookie and token, then the form's post. */
    private boolean signIn() {
        HttpResponse<String> form = bench.http.send(HttpRequest.newBuilder(URI.create(bench.http.base + "/ui/login"))
                .timeout(Duration.ofSeconds(60)).GET().build());
        Matcher token = CSRF.matcher(form == null ? "" : form.body());
        String formCookie = form == null ? "" : form.headers().firstValue("Set-Cookie").orElse("").split(";")[0];
        HttpResponse<String> response = bench.http.send(HttpRequest.newBuilder(URI.create(bench.http.base + "/ui/login"))
                .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", formCookie)
                .POST(HttpRequest.BodyPublishers.ofString("key=" + URLEncoder.encode(Http.KEY, StandardCharsets.UTF_8)
                        + "&csrf=" + (token.find() ? token.group(1) : "")))
                .build());
        if (response == null || response.statusCode() != 303) {
            report.skipped.put(Report.PAGES, response == null ? "sign-in failed"
                    : "POST /ui/login answers " + response.statusCode() + ": not on this branch");
            return false;
        }
        cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("ph_session="))
                .findFirst().orElse("").split(";")[0];
        return true;
    }

    private HttpResponse<String> get(String path) {
        return bench.http.send(HttpRequest.newBuilder(URI.create(bench.http.base + path)).timeout(Duration.ofSeconds(60))
                .header("Cookie", cookie).GET().build());
    }
}
