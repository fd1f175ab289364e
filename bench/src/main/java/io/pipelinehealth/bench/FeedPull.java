package io.pipelinehealth.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import org.postgresql.PGConnection;

/**
 * Section 7 (issue 22): a full pull of one pipeline's visit feed as CSV through HTTP, page by page
 * (10,000 rows), against {@code COPY (select ...) TO STDOUT} of the same rows and columns in the
 * same run, with the service's resident memory sampled during the pull. Rows are counted by line
 * breaks as they stream in; nothing is kept. Like the other reads, the pull is measured after a
 * warm-up: the first {@link #WARM_UP_PAGES} pages, once.
 */
final class FeedPull {

    private static final int PAGE = 10_000;
    private static final int WARM_UP_PAGES = 2;

    private final Bench bench;
    private final Report report;

    FeedPull(Bench bench, Report report) {
        this.bench = bench;
        this.report = report;
    }

    void run() throws Exception {
        String pipeline = bench.generator.pipelines().get(0).id();
        HttpResponse<String> probe = bench.http.get("/api/v1/visits?limit=1&pipelineId=" + pipeline);
        if (probe == null || probe.statusCode() != 200) {
            report.skipped.put("visit feed", "GET /api/v1/visits answers "
                    + (probe == null ? "nothing" : probe.statusCode()) + ": not on this branch");
            return;
        }
        report.feedPipeline = pipeline;
        pullHttp(pipeline, WARM_UP_PAGES);
        for (int r = 0; r < bench.config.runs; r++) {
            report.feedLoad.add(loadAverage());
            long t0 = System.nanoTime();
            long rows;
            try (Service.RssSampler rss = bench.service.new RssSampler()) {
                rows = pullHttp(pipeline, Integer.MAX_VALUE);
                report.feedRssMb = Math.max(report.feedRssMb, rss.peak());
            }
            double http = rows / ((System.nanoTime() - t0) / 1e9);
            t0 = System.nanoTime();
            long copied = copy(pipeline);
            double copy = copied / ((System.nanoTime() - t0) / 1e9);
            report.feedRows = rows;
            report.feedCopyRows = copied;
            report.feedHttp.add(http);
            report.feedCopy.add(copy);
        }
    }

    private static String loadAverage() {
        try {
            String[] fields = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private long pullHttp(String pipeline, int maxPages) throws Exception {
        long rows = 0;
        String cursor = null;
        int pages = 0;
        do {
            String path = "/api/v1/visits?limit=" + PAGE + "&pipelineId=" + pipeline
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            HttpRequest request = HttpRequest.newBuilder(URI.create(bench.http.base + path))
                    .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + Http.KEY)
                    .header("Accept", "text/csv").GET().build();
            HttpResponse<InputStream> response = bench.http.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                bench.http.failures.add("GET " + path + ": " + response.statusCode());
                response.body().close();
                return rows;
            }
            try (InputStream body = response.body()) {
                rows += lines(body) - 1; // the header line
            }
            cursor = response.headers().firstValue("X-Next-Cursor").orElse(null);
        } while (cursor != null && ++pages < maxPages);
        return rows;
    }

    /** The feed's columns from the same tables; a lower bound of what any export of them costs. */
    private long copy(String pipeline) throws Exception {
        String sql = """
                copy (select v.visit_key, v.opportunity_id, v.pipeline_id, v.stage, v.owner_id, v.entered_at, v.left_at,
                             coalesce(v.working_s, v.left_s - v.entered_s), v.standard_s, v.closed_status, o.attributes
                      from visit v join opportunity o on o.tenant_id = v.tenant_id and o.opportunity_id = v.opportunity_id
                      where v.tenant_id = 'default' and v.pipeline_id = '%s' and v.kind in ('VISIT', 'SKIPPED')
                      order by v.visit_key) to stdout (format csv, header)""".formatted(pipeline.replace("'", "''"));
        try (Connection c = bench.db.connect()) {
            CountingStream out = new CountingStream();
            c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
            return out.lines - 1;
        }
    }

    private static long lines(InputStream in) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long lines = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n; i++) {
                if (buffer[i] == '\n') {
                    lines++;
                }
            }
        }
        return lines;
    }

    private static final class CountingStream extends OutputStream {
        long lines;

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
