import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The load of .ci/pg-restart (issue 20), run as a single-file program (java Load.java ...): N
 * clients each send one event at a time (every event a new opportunity) while the restart command
 * given runs once, a few seconds in; the load goes on until 15 s after the command returned. Then
 * it checks: only 2xx, or 503 with Retry-After; requests were sent while the restart ran; the last
 * answer other than 2xx ended within 10 s of the database being back; and every 2xx event is there
 * afterwards, read through the API. Exit status 1 when anything failed.
 *
 * Arguments: base URL, API key, pipeline id, clients, then the restart command and its arguments.
 */
public final class Load {

    record Answer(String opportunityId, int status, boolean retryAfter, long sentNanos, long answeredNanos,
            String body) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String key = args[1];
        String pipeline = args[2];
        int clients = Integer.parseInt(args[3]);
        List<String> restart = List.of(args).subList(4, args.length);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                for (int n = 0; running.get(); n++) {
                    String opportunity = "restart-c" + client + "-n" + n;
                    String body = "[{\"eventId\":\"" + opportunity + "-e\",\"opportunityId\":\"" + opportunity
                            + "\",\"pipelineId\":\"" + pipeline + "\",\"stage\":\"qualify\","
                            + "\"occurredAt\":\"2026-01-01T00:00:00Z\",\"ownerId\":\"ana\"}]";
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base
                                + "/api/v1/transitions")).timeout(Duration.ofSeconds(60))
                                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        answers.add(new Answer(opportunity, r.statusCode(),
                                r.headers().firstValue("Retry-After").isPresent(), sent, System.nanoTime(),
                                r.body()));
                    } catch (Exception e) {
                        answers.add(new Answer(opportunity, 0, false, sent, System.nanoTime(), e.toString()));
                    }
                }
            }, "client-" + c);
            t.start();
            threads.add(t);
        }
        Thread.sleep(5_000);
        long restartStarted = System.nanoTime();
        int exit = new ProcessBuilder(restart).inheritIO().start().waitFor();
        long back = System.nanoTime();
        System.out.printf("pg-restart: %s exited %d after %d ms%n", String.join(" ", restart), exit,
                (back - restartStarted) / 1_000_000);
        Thread.sleep(15_000);
        running.set(false);
        for (Thread t : threads) {
            t.join(70_000);
        }

        List<String> failures = new ArrayList<>();
        if (exit != 0) {
            failures.add("the restart command exited " + exit);
        }
        Map<String, Integer> statuses = new TreeMap<>();
        long lastBad = -1;
        int afterBack = 0;
        for (Answer a : answers) {
            statuses.merge(a.status() == 503 && !a.retryAfter() ? "503 without Retry-After"
                    : Integer.toString(a.status()), 1, Integer::sum);
            boolean ok = a.status() / 100 == 2;
            if (!ok && !(a.status() == 503 && a.retryAfter())) {
                if (failures.size() < 10) {
                    failures.add(a.opportunityId() + " -> " + a.status() + " " + a.body());
                }
            }
            if (!ok) {
                lastBad = Math.max(lastBad, a.answeredNanos());
                if (a.answeredNanos() > back) {
                    afterBack++;
                }
            }
        }
        double recoveryS = lastBad < back ? 0 : (lastBad - back) / 1e9;
        System.out.printf("pg-restart: %d answers %s; %d answers other than 2xx came after the restart command "
                + "returned, the last %.2f s after it%n", answers.size(), statuses, afterBack, recoveryS);
        // the load must span the restart; 503s are not required: some runs ride through it on 200s alone
        long during = answers.stream().filter(a -> a.sentNanos() >= restartStarted && a.sentNanos() < back).count();
        System.out.printf("pg-restart: %d requests were sent while the restart command ran%n", during);
        if (during == 0) {
            failures.add("no request was sent while the restart command ran");
        }
        if (recoveryS >= 10) {
            failures.add("not recovered within 10 s: the last answer other than 2xx came " + recoveryS + " s after");
        }
        int checked = 0;
        for (Answer a : answers) {
            if (a.status() / 100 != 2) {
                continue;
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/opportunities/"
                    + a.opportunityId())).timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + key)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            checked++;
            if (r.statusCode() != 200 || !r.body().contains("qualify")) {
                failures.add("acknowledged but not stored: " + a.opportunityId() + " -> " + r.statusCode() + " "
                        + r.body());
            }
        }
        System.out.printf("pg-restart: %d acknowledged events read back through the API%n", checked);
        if (!failures.isEmpty()) {
            failures.stream().limit(20).forEach(f -> System.out.println("pg-restart: FAILED: " + f));
            System.exit(1);
        }
        System.out.println("pg-restart: passed");
        System.exit(0);
    }
}
