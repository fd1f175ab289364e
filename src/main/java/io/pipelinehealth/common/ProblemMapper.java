package io.pipelinehealth.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.pipelinehealth.db.DatabaseUnavailable;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become RFC 9457 {@code application/problem+json} responses: which
 * exception is which HTTP answer. What a JSON failure says is {@link JsonProblems}'. Bodies never
 * carry exception class names or stack traces; unexpected failures are logged here.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return Problem.of(e.status(), e.type(), e.title(), e.detail(), request, e.errors());
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return JsonProblems.malformedBody(e, request);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return JsonProblems.malformedBody(e, request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return Problem.of(404, "not-found", "Not found", "No resource at " + request.path() + ".", request, null);
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        // Quarkus REST sends no Allow list of its own; the resource classes say which methods exist.
        Set<String> allowed = Routes.allowed(request.path());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", Problem.type("method-not-allowed"));
        body.put("title", "Method not allowed");
        body.put("status", 405);
        body.put("detail", request.method() + " is not supported here; allowed: " + String.join(", ", allowed) + ".");
        body.put("instance", request.path());
        body.put("allowed", List.copyOf(allowed));
        return Response.status(405).type(Problem.MEDIA_TYPE).allow(allowed).entity(body).build();
    }

    @ServerExceptionMapper
    public Response notSupported(NotSupportedException e, HttpServerRequest request) {
        return Problem.of(415, "unsupported-media-type", "Unsupported media type",
                ContentTypeGuard.detail(request.getHeader("Content-Type"),
                        Routes.consumes(request.method().name(), request.path())),
                request, null);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return Problem.of(406, "not-acceptable", "Not acceptable",
                "This resource cannot produce any media type in Accept: " + request.getHeader("Accept") + ".",
                request, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        JsonProcessingException json = JsonProblems.cause(e);
        if (json != null) {
            return JsonProblems.malformedBody(json, request);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, request);
        }
        if (status == 413) {
            return BodyLimit.problem(request);
        }
        Response.StatusType statusType = Response.Status.fromStatusCode(status);
        String title = statusType == null ? "Request failed" : statusType.getReasonPhrase();
        return Problem.of(status, "http-" + status, title, title + ".", request, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        JsonProcessingException json = JsonProblems.cause(e);
        if (json != null) {
            return JsonProblems.malformedBody(json, request);
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // Not a fault of the request or the service: the client retries (docs: database outage).
            LOG.debugf("Database unavailable for %s %s: answered 503 (%s)", request.method(), request.path(), e);
            return Problem.databaseUnavailable(request.path());
        }
        if (noConnectionInTime(e)) {
            // Overload, not a fault: every database connection stayed busy for the pool's whole
            // acquisition timeout. The client may retry; nothing of the request was stored.
            LOG.warnf("No database connection in time for %s %s: answered 503", request.method(), request.path());
            return Response.fromResponse(Problem.of(503, "busy", "Service busy",
                    "Every database connection stayed busy too long; nothing was stored. Retry after a moment.",
                    request, null)).header("Retry-After", "1").build();
        }
        LOG.errorf(e, "Unexpected failure of %s %s", request.method(), request.path());
        return Problem.of(500, "internal-error", "Internal error",
                "The server failed to handle the request; it has been logged. Try again later.", request, null);
    }

    /** Agroal's answer when no pooled connection became free within the acquisition timeout. */
    private static boolean noConnectionInTime(Throwable e) {
        return Causes.find(e, SQLException.class,
                t -> t.getMessage() != null && t.getMessage().startsWith("Acquisition timeout")).isPresent();
    }
}
