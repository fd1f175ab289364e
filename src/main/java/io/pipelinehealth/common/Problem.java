package io.pipelinehealth.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pipelinehealth.db.DatabaseUnavailable;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body, served as {@code application/problem+json}. {@code errors}
 * lists at most {@link #MAX_ERRORS} problems; {@code errorCount} says how many there were in all.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details.")
public record Problem(String type, String title, int status, String detail, String instance,
        List<FieldError> errors, Integer errorCount) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://pipeline-health.dev/problems/";
    public static final int MAX_ERRORS = 100;

    public Problem {
        detail = Text.shorten(detail, FieldError.MAX_MESSAGE);
        if (errors != null && !errors.isEmpty()) {
            errorCount = errorCount == null ? errors.size() : errorCount;
            errors = errors.size() > MAX_ERRORS ? List.copyOf(errors.subList(0, MAX_ERRORS)) : errors;
        }
    }

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    /** The stable type URI of a problem slug such as {@code invalid-cursor}. */
    public static String type(String slug) {
        return TYPE_BASE + slug;
    }

    /** The response for a problem of this request ({@code instance} is its path). */
    public static Response of(int status, String slug, String title, String detail, HttpServerRequest request,
            List<FieldError> errors) {
        String instance = request == null ? null : request.path();
        return new Problem(type(slug), title, status, detail, instance, errors).toResponse();
    }

    /** Every endpoint's answer while PostgreSQL is down, restarting or refusing connections. */
    public static Response databaseUnavailable(String path) {
        int retryAfter = DatabaseUnavailable.RETRY_AFTER_SECONDS;
        Response problem = new Problem(type("database-unavailable"), "Database unavailable", 503,
                "The database is unavailable (down, restarting or refusing connections); retry after "
                        + retryAfter + " seconds. Transitions are safe to send again: an eventId "
                        + "already stored is a duplicate, not a second event.",
                path, null).toResponse();
        return Response.fromResponse(problem).header("Retry-After", Integer.toString(retryAfter)).build();
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }
}
