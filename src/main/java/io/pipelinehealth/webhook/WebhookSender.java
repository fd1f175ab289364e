package io.pipelinehealth.webhook;

import com.standardwebhooks.Webhook;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** One signed POST (Standard Webhooks headers), with connect and response timeouts. */
@ApplicationScoped
public class WebhookSender {

    /** What happened: an HTTP status, or null with an error when no answer came. */
    public record Outcome(Integer statusCode, String error) {
        boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    @Inject WebhookConfig config;
    @Inject WebhookTargets targets;
    @Inject Clock clock;

    /** One client for every delivery (it pools connections); a redirect is an answer, never followed. */
    private HttpClient client;

    @PostConstruct
    void open() {
        client = HttpClient.newBuilder().connectTimeout(config.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Checks the target's addresses first (DNS may have changed since registration): a refusal sends nothing. */
    public Outcome send(WebhookStore.Claimed delivery) {
        URI target = URI.create(delivery.url());
        Optional<String> refused = targets.refusalAtDelivery(target);
        if (refused.isPresent()) {
            return new Outcome(null, refused.get());
        }
        long timestamp = clock.instant().getEpochSecond();
        try {
            String signature = new Webhook(delivery.secret()).sign(delivery.messageId(), timestamp, delivery.payload());
            HttpRequest request = HttpRequest.newBuilder(target)
                    .timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "pipeline-health-webhooks")
                    .header("webhook-id", delivery.messageId())
                    .header("webhook-timestamp", String.valueOf(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Outcome(status, status >= 200 && status < 300 ? null : "subscriber answered HTTP " + status);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted");
        } catch (java.net.http.HttpTimeoutException e) {
            return new Outcome(null, "timed out after " + config.timeout());
        } catch (Exception e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Outcome(null, "could not deliver: " + message);
        }
    }
}
