package io.pipelinehealth.support;

import io.restassured.RestAssured;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Requests REST Assured cannot make: a large or endless body, with the answer read while it is still being sent. */
public final class RawHttp {

    /** What the server answered and how many body bytes the client got to send before that. */
    public record Exchange(String response, long sent) {

        public int status() {
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    private RawHttp() {
    }

    /**
     * Sends a chunked body of up to {@code max} bytes (JSON whitespace), stopping as soon as the
     * server has answered or closed the connection.
     */
    public static Exchange streamChunked(String method, String path, String contentType, long max) throws Exception {
        return stream(method, path, contentType, "Transfer-Encoding: chunked", max, true);
    }

    /**
     * Sends a body of {@code length} bytes (JSON whitespace) announced by Content-Length, stopping
     * as soon as the server has answered or closed the connection: a client that writes on after a
     * refusal gets a broken pipe, not the answer.
     */
    public static Exchange streamFixed(String method, String path, String contentType, long length) throws Exception {
        return stream(method, path, contentType, "Content-Length: " + length, length, false);
    }

    private static Exchange stream(String method, String path, String contentType, String framing, long max,
            boolean chunked) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\n" + framing + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> read(in));
            byte[] data = new byte[64 * 1024];
            Arrays.fill(data, (byte) ' ');
            byte[] head = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] tail = "\r\n".getBytes(StandardCharsets.US_ASCII);
            long sent = 0;
            try {
                while (sent < max && !answer.isDone()) {
                    int size = (int) Math.min(data.length, max - sent);
                    if (chunked) {
                        out.write(head);
                        out.write(data);
                        out.write(tail);
                    } else {
                        out.write(data, 0, size);
                    }
                    sent += chunked ? data.length : size;
                }
            } catch (IOException closedByServer) {
                // the server stopped reading: what it answered is below
            }
            return new Exchange(answer.get(30, TimeUnit.SECONDS), sent);
        }
    }

    /** The response head and body, read until Content-Length bytes of body arrived or the connection ended. */
    private static String read(InputStream in) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) >= 0) {
                bytes.write(b);
                String text = bytes.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end >= 0) {
                    int length = contentLength(text.substring(0, end));
                    if (length >= 0 && bytes.size() >= end + 4 + length) {
                        break;
                    }
                }
            }
        } catch (IOException reset) {
            // a reset after the answer is expected: the server closed with request bytes unread
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                return Integer.parseInt(line.substring(15).strip());
            }
        }
        return -1;
    }
}
