package io.pipelinehealth.common;

import java.util.List;

/**
 * A failure the client can act on, turned into a problem+json response by {@link ProblemMapper}.
 * {@code type} is a short slug ({@code invalid-pipeline}) that becomes a stable type URI.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(int status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public ApiException(int status, String type, String title, String detail) {
        this(status, type, title, detail, List.of());
    }

    public static ApiException badRequest(String type, String title, String detail) {
        return new ApiException(400, type, title, detail);
    }

    public static ApiException badRequest(String type, String title, String detail, List<FieldError> errors) {
        return new ApiException(400, type, title, detail, errors);
    }

    /** 404 for a missing resource: {@code notFound("pipeline", "p1")} has type {@code pipeline-not-found}. */
    public static ApiException notFound(String resource, String id) {
        String title = Character.toUpperCase(resource.charAt(0)) + resource.substring(1) + " not found";
        return new ApiException(404, resource + "-not-found", title, "No " + resource + " with id '" + id + "'.");
    }

    public static ApiException notFound(String type, String title, String detail) {
        return new ApiException(404, type, title, detail);
    }

    public static ApiException conflict(String type, String title, String detail) {
        return new ApiException(409, type, title, detail);
    }

    public static ApiException conflict(String type, String title, String detail, List<FieldError> errors) {
        return new ApiException(409, type, title, detail, errors);
    }

    public static ApiException tooLarge(String type, String title, String detail) {
        return new ApiException(413, type, title, detail);
    }

    public static ApiException unprocessable(String type, String title, String detail, List<FieldError> errors) {
        return new ApiException(422, type, title, detail, errors);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public List<FieldError> errors() {
        return errors;
    }
}
