package io.pipelinehealth.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers 413 as problem+json for a body over {@code quarkus.http.limits.max-body-size}. Quarkus
 * rejects such a request before any exception mapper runs, with an empty body, from a route of
 * order -2; this route (order -3) checks the declared Content-Length first. A chunked body that
 * grows past the limit still gets Quarkus's empty 413.
 */
@ApplicationScoped
public class BodyLimit {

    static final String DETAIL = "The request body is larger than the server accepts (%s); send it in smaller parts.";

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void install(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(-3).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && parse(length) > limit) {
                Problem problem = new Problem(Problem.type("body-too-large"), "Request body too large", 413,
                        DETAIL.formatted(limit + " bytes"), context.request().path(), null);
                context.response()
                        .setStatusCode(413)
                        .putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close")
                        .endHandler(v -> context.request().connection().close())
                        .end(Json.encode(problem));
                return;
            }
            context.next();
        });
    }

    /** For a 413 that reaches the exception mappers (a form or multipart body over the limit). */
    static Response problem(HttpServerRequest request) {
        return ProblemMapper.problem(413, "body-too-large", "Request body too large",
                DETAIL.formatted("the configured limit"), request, null);
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
