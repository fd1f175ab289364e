package io.pipelinehealth.lifecycle;

import io.pipelinehealth.common.BodyLimit;
import io.pipelinehealth.common.Problem;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The end of the drain delay: from then on a new request is answered 503 {@code stopping} with
 * Retry-After and the connection is closed, while the requests already in flight finish (Quarkus
 * waits for them, quarkus.shutdown.timeout). Without it Quarkus keeps accepting requests on open
 * keep-alive connections until the HTTP server closes; one that came in after the last request
 * in flight finished ran into a service already stopping (its database pool closed) and its
 * client got a 500 or a reset. Runs as the first Vert.x route, before authentication.
 */
@ApplicationScoped
public class StopGate {

    private final Duration delay;
    private volatile boolean closed;

    StopGate(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delay = delay.orElse(Duration.ZERO);
    }

    void install(@Observes Router router) {
        router.route().order(-10).handler(context -> {
            if (!closed) {
                context.next();
                return;
            }
            context.response().putHeader("Retry-After", "1");
            BodyLimit.sendAndClose(context, new Problem(Problem.type("stopping"), "Service stopping", 503,
                    "This replica is stopping; send the request again (the load balancer routes it to another).",
                    context.request().path(), null));
        });
    }

    void onDrain(@Observes ShutdownDelayInitiatedEvent event) {
        Thread timer = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closed = true;
        }, "drain-delay");
        timer.setDaemon(true);
        timer.start();
    }

    void onStop(@Observes @Priority(0) ShutdownEvent event) {
        closed = true;
    }
}
