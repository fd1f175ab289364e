package io.pipelinehealth.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The client of the timed requests (single events, reads): Apache HttpClient's classic blocking
 * API over a pool of keep-alive HTTP/1.1 connections, one request per thread at a time. On this
 * 2-core machine the client shares the CPU with the service and PostgreSQL, and java.net.http
 * spent several times more CPU per request (its selector thread and asynchronous stages), which
 * showed as service latency.
 */
final class KeepAliveClient implements AutoCloseable {

    /** nextCursor: the X-Next-Cursor header of a CSV page, null when absent. */
    record Response(int status, String body, String nextCursor) {
    }

    private final String base;
    private final String authorization;
    private final CloseableHttpClient client;

    KeepAliveClient(String base, String key, int connections) {
        this.base = base;
        this.authorization = "Bearer " + key;
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections).setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(60)).setSocketTimeout(Timeout.ofSeconds(120)).build())
                .build();
        this.client = HttpClients.custom().setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(120, TimeUnit.SECONDS)).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableContentCompression().build();
    }

    Response get(String path) throws IOException {
        return execute(new HttpGet(base + path));
    }

    Response post(String path, String contentType, String body) throws IOException {
        HttpPost post = new HttpPost(base + path);
        post.setEntity(new StringEntity(body, ContentType.parse(contentType).withCharset(StandardCharsets.UTF_8)));
        return execute(post);
    }

    private Response execute(HttpUriRequestBase request) throws IOException {
        request.setHeader("Authorization", authorization);
        return client.execute(request, response -> new Response(response.getCode(),
                response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8),
                response.getFirstHeader("X-Next-Cursor") == null ? null
                        : response.getFirstHeader("X-Next-Cursor").getValue()));
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
