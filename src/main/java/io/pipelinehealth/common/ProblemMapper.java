package io.pipelinehealth.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.pipelinehealth.db.DatabaseUnavailable;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place exceptions become RFC 9457 {@code application/problem+json} responses. Bodies
 * never carry exception class names or stack traces; unexpected failures are logged here.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response api(ApiException e, HttpServerRequest request) {
        return problem(e.status(), e.type(), e.title(), e.detail(), request, e.errors());
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, HttpServerRequest request) {
        List<FieldError> errors = new ArrayList<>();
        boolean bodyContent = false;
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            if (isReturnValue(violation.getPropertyPath())) {
                return unexpected(e, request);
            }
            ViolationPath path = ViolationPath.of(violation.getPropertyPath());
            bodyContent |= path.insideParameter();
            errors.add(new FieldError(path.index(), null, path.field(), violation.getMessage()));
        }
        errors.sort(Comparator.comparing((FieldError f) -> f.index() == null ? -1 : f.index())
                .thenComparing(f -> f.field() == null ? "" : f.field()));
        // A bad query or path parameter is a bad request; a well-formed body with invalid values is 422.
        int status = bodyContent ? 422 : 400;
        return problem(status, status == 422 ? "validation-failed" : "invalid-parameter",
                status == 422 ? "Validation failed" : "Invalid parameter",
                errors.size() + " problem(s) in the request; see errors", request, errors);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, HttpServerRequest request) {
        return malformedBody(e, request);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, HttpServerRequest request) {
        return malformedBody(e, request);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        return problem(404, "not-found", "Not found", "No resource at " + request.path() + ".", request, null);
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
        return problem(415, "unsupported-media-type", "Unsupported media type",
                ContentTypeGuard.detail(request.getHeader("Content-Type"),
                        Routes.consumes(request.method().name(), request.path())),
                request, null);
    }

    @ServerExceptionMapper
    public Response notAcceptable(NotAcceptableException e, HttpServerRequest request) {
        return problem(406, "not-acceptable", "Not acceptable",
                "This resource cannot produce any media type in Accept: " + request.getHeader("Accept") + ".",
                request, null);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, HttpServerRequest request) {
        JsonProcessingException json = jsonCause(e);
        if (json != null) {
            return malformedBody(json, request);
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
        return problem(status, "http-" + status, title, title + ".", request, null);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        JsonProcessingException json = jsonCause(e);
        if (json != null) {
            return malformedBody(json, request);
        }
        if (DatabaseUnavailable.causedBy(e)) {
            // Not a fault of the request or the service: the client retries (docs: database outage).
            LOG.debugf("Database unavailable for %s %s: answered 503 (%s)", request.method(), request.path(), e);
            return DatabaseUnavailable.problem(request.path());
        }
        if (noConnectionInTime(e)) {
            // Overload, not a fault: every database connection stayed busy for the pool's whole
            // acquisition timeout. The client may retry; nothing of the request was stored.
            LOG.warnf("No database connection in time for %s %s: answered 503", request.method(), request.path());
            return Response.fromResponse(problem(503, "busy", "Service busy",
                    "Every database connection stayed busy too long; nothing was stored. Retry after a moment.",
                    request, null)).header("Retry-After", "1").build();
        }
        LOG.errorf(e, "Unexpected failure of %s %s", request.method(), request.path());
        return problem(500, "internal-error", "Internal error",
                "The server failed to handle the request; it has been logged. Try again later.", request, null);
    }

    private static Response malformedBody(JsonProcessingException e, HttpServerRequest request) {
        String path = "";
        Integer index = null;
        String field = null;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder sb = new StringBuilder();
            List<JsonMappingException.Reference> refs = mapping.getPath();
            for (int i = 0; i < refs.size(); i++) {
                JsonMappingException.Reference ref = refs.get(i);
                if (ref.getIndex() >= 0) {
                    if (i == 0) {
                        index = ref.getIndex();
                    }
                    sb.append('[').append(ref.getIndex()).append(']');
                } else if (ref.getFieldName() != null) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(ref.getFieldName());
                }
            }
            path = sb.toString();
            if (index != null) {
                String rest = path.substring(path.indexOf(']') + 1);
                field = rest.startsWith(".") ? rest.substring(1) : rest.isEmpty() ? null : rest;
            } else {
                field = path;
            }
        }
        String what = describe(e);
        List<FieldError> errors = index == null && field == null
                ? null
                : List.of(new FieldError(index, null, field, what));
        // Well-formed JSON that names a field we do not have, or carries a string we refuse, is 422.
        if (e instanceof UnrecognizedPropertyException) {
            return problem(422, "unknown-field", "Unknown field", "Unknown field " + path + ": " + what + ".", request, errors);
        }
        if (e instanceof StrictJson.RejectedText) {
            return problem(422, "invalid-text", "Invalid text", "Invalid value at " + path + ": " + what + ".", request, errors);
        }
        String detail = path.isEmpty()
                ? "Malformed JSON body: " + what + "."
                : "Malformed JSON body at " + path + ": " + what + ".";
        return problem(400, "malformed-body", "Malformed request body", detail, request, errors);
    }

    /** What is wrong, in words that name no Java type. */
    private static String describe(JsonProcessingException e) {
        if (tooBig(e)) {
            return "a string, number or nesting is longer or deeper than the service reads (strings "
                    + StrictJson.MAX_STRING + " characters, numbers " + StrictJson.MAX_NUMBER + " digits, nesting "
                    + StrictJson.MAX_DEPTH + " levels)";
        }
        StreamReadException syntax = syntaxError(e);
        if (syntax != null) {
            JsonLocation location = syntax.getLocation();
            String message = syntax.getOriginalMessage();
            String what = message != null && message.startsWith("Duplicate field ")
                    ? "duplicate key " + Text.quote(message.substring("Duplicate field ".length()).replace("'", ""))
                    : "not valid JSON";
            return location == null || location.getLineNr() < 0
                    ? what
                    : what + " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field " + Text.quote(unknown.getPropertyName()) + "; known fields: "
                    + unknown.getKnownPropertyIds();
        }
        if (e instanceof StrictJson.RejectedText rejected) {
            return rejected.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return "content after the end of the JSON value; send one JSON value";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "invalid value " + quoted(invalid.getValue());
        }
        if (e instanceof MismatchedInputException) {
            return "wrong JSON type or missing value";
        }
        if (e instanceof ValueInstantiationException) {
            return "invalid value";
        }
        return "cannot be read";
    }

    /** Agroal's answer when no pooled connection became free within the acquisition timeout. */
    private static boolean noConnectionInTime(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException && t.getMessage() != null
                    && t.getMessage().startsWith("Acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    private static boolean tooBig(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return true;
            }
        }
        return false;
    }

    /** Jackson wraps a syntax error met while binding in a mapping exception that carries the path. */
    private static StreamReadException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamReadException syntax && !(t instanceof MismatchedInputException)) {
                return syntax;
            }
        }
        return null;
    }

    private static String quoted(Object value) {
        return value instanceof String s ? Text.quote(s) : Text.shorten(String.valueOf(value));
    }

    private static JsonProcessingException jsonCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JsonProcessingException json) {
                return json;
            }
        }
        return null;
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    static Response problem(int status, String slug, String title, String detail, HttpServerRequest request,
            List<FieldError> errors) {
        String instance = request == null ? null : request.path();
        return new Problem(Problem.type(slug), title, status, detail, instance, errors).toResponse();
    }

    /** A constraint violation path without the method, and without the parameter name when deeper. */
    private record ViolationPath(Integer index, String field, boolean insideParameter) {

        static ViolationPath of(Path path) {
            List<Path.Node> nodes = new ArrayList<>();
            path.forEach(nodes::add);
            nodes.removeIf(n -> n.getKind() == ElementKind.METHOD || n.getKind() == ElementKind.CONSTRUCTOR);
            boolean inside = nodes.size() > 1 && nodes.get(0).getKind() == ElementKind.PARAMETER;
            if (inside) {
                nodes.remove(0);
            }
            StringBuilder sb = new StringBuilder();
            Integer index = null;
            for (int i = 0; i < nodes.size(); i++) {
                Path.Node node = nodes.get(i);
                if (node.isInIterable() && node.getIndex() != null) {
                    if (i == 0) {
                        index = node.getIndex();
                    } else {
                        sb.append('[').append(node.getIndex()).append(']');
                    }
                } else if (node.isInIterable() && node.getKey() != null) {
                    sb.append('[').append(node.getKey()).append(']');
                }
                if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(node.getName());
                }
            }
            String field = sb.length() == 0 ? null : sb.toString();
            return new ViolationPath(index, field, inside);
        }
    }
}
