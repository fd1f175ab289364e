package io.pipelinehealth.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

/** A real HTTP subscriber on localhost: records every request and answers scripted statuses (then 204). */
final class Receiver implements AutoCloseable {

    record Request(Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : values.get(0);
        }
    }

    final Queue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();
    private volatile int otherwise = 204;
    private volatile Runnable onEach = () -> { };
    private final HttpServer server;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            Map<String, List<String>> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            requests.add(new Request(headers, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            onEach.run();
            Integer status = statuses.poll();
            exchange.sendResponseHeaders(status == null ? otherwise : status, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    Receiver answer(int... scripted) {
        for (int status : scripted) {
            statuses.add(status);
        }
        return this;
    }

    /** Runs before each answer (e.g. to move the test clock while a delivery is in flight). */
    Receiver onEach(Runnable action) {
        onEach = action;
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    Receiver otherwise(int status) {
        otherwise = status;
        return this;
    }

    List<Request> about(String opportunityId) {
        return requests.stream().filter(r -> r.body().contains("\"opportunityId\":\"" + opportunityId + "\"")).toList();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
