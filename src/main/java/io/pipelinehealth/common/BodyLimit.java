package io.pipelinehealth.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds every request body, chunked or not, and answers an oversized one with 413 problem+json.
 * A route of order -3 (before Quarkus's own checks at -2) reads the body with a Vert.x
 * {@link BodyHandler} limited per route: it refuses a declared Content-Length over the limit at
 * once and stops a chunked body as soon as it grows past it, then closes the connection so the
 * client cannot make the server swallow the rest. Quarkus REST then reads the buffered body.
 *
 * <p>Limits (README, "Limits"): transitions take {@code quarkus.http.limits.max-body-size} (a
 * 10,000-event batch); a pipeline document {@value #PIPELINE_LIMIT} bytes; every other body
 * (hand-offs, webhook subscriptions, anything else) {@value #DEFAULT_LIMIT} bytes. A connector's
 * inbound path takes the transitions limit for a CSV export (100,000 rows) and
 * {@value #INBOUND_WEBHOOK_LIMIT} bytes for a CRM's webhook (HubSpot sends up to 100 events at once).
 */
@ApplicationScoped
public class BodyLimit {

    static final long PIPELINE_LIMIT = 256 * 1024;
    static final long DEFAULT_LIMIT = 16 * 1024;
    static final long INBOUND_WEBHOOK_LIMIT = 1024 * 1024;
    static final String DETAIL = "The request body is larger than this endpoint accepts (%s); send less.";

    private static final String LIMIT_KEY = "pipeline-health.body-limit";
    /** The Vert.x context local Quarkus REST sets to the matched template and Micrometer reads. */
    private static final String URL_TEMPLATE = "UrlPathTemplate";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize transitionsLimit;

    void install(@Observes Router router) {
        long transitions = transitionsLimit.asLongValue();
        BodyHandler transitionBodies = BodyHandler.create(false).setBodyLimit(transitions);
        BodyHandler pipelineBodies = BodyHandler.create(false).setBodyLimit(PIPELINE_LIMIT);
        BodyHandler otherBodies = BodyHandler.create(false).setBodyLimit(DEFAULT_LIMIT);
        BodyHandler webhookBodies = BodyHandler.create(false).setBodyLimit(INBOUND_WEBHOOK_LIMIT);
        Route route = router.route().order(-3);
        route.handler(context -> {
            HttpServerRequest request = context.request();
            if (!hasBody(request)) {
                context.next();
                return;
            }
            String path = request.path();
            if (request.method() == HttpMethod.POST && path.equals("/api/v1/transitions")) {
                context.put(LIMIT_KEY, transitions);
                transitionBodies.handle(context);
            } else if (request.method() == HttpMethod.POST && path.startsWith("/api/v1/inbound/")) {
                boolean csv = String.valueOf(request.getHeader("Content-Type")).toLowerCase(Locale.ROOT)
                        .startsWith(Csv.MEDIA_TYPE);
                context.put(LIMIT_KEY, csv ? transitions : INBOUND_WEBHOOK_LIMIT);
                (csv ? transitionBodies : webhookBodies).handle(context);
            } else if (request.method() == HttpMethod.PUT && path.startsWith("/api/v1/pipelines/")) {
                context.put(LIMIT_KEY, PIPELINE_LIMIT);
                pipelineBodies.handle(context);
            } else {
                context.put(LIMIT_KEY, DEFAULT_LIMIT);
                otherBodies.handle(context);
            }
        });
        route.failureHandler(context -> {
            if (context.statusCode() != 413 || context.response().headWritten()) {
                context.next();
                return;
            }
            Long limit = context.get(LIMIT_KEY);
            Problem problem = new Problem(Problem.type("body-too-large"), "Request body too large", 413,
                    DETAIL.formatted(limit + " bytes"), context.request().path(), null);
            sendAndClose(context, problem);
        });
    }

    /**
     * Writes a problem from a Vert.x route, before any JAX-RS code runs, and closes an HTTP/1
     * connection (HTTP/2 ends the stream). The route template goes where Quarkus's HTTP metrics
     * look for it, so a refused request is labelled by template, not by its raw path.
     */
    public static void sendAndClose(RoutingContext context, Problem problem) {
        Context vertx = Vertx.currentContext();
        if (vertx != null) {
            Routes.template(context.request().path()).ifPresent(template -> vertx.putLocal(URL_TEMPLATE, template));
        }
        if (context.request().version() == HttpVersion.HTTP_2) {
            context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(io.vertx.core.json.Json.encode(problem));
            return;
        }
        context.response()
                .setStatusCode(problem.status())
                .putHeader("Connection", "close")
                .endHandler(v -> context.request().connection().close())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(io.vertx.core.json.Json.encode(problem));
    }

    /** A request carries a body when it declares a positive length or is chunked. */
    static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null) {
            return !length.strip().equals("0");
        }
        String encoding = request.getHeader("Transfer-Encoding");
        return encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    /** For a 413 that still reaches the exception mappers. */
    static Response problem(HttpServerRequest request) {
        return Problem.of(413, "body-too-large", "Request body too large",
                DETAIL.formatted("the configured limit"), request, null);
    }
}
