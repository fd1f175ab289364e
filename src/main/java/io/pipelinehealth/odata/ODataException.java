package io.pipelinehealth.odata;

/** A request the OData service refuses, answered in the OData JSON error format (not problem+json). */
final class ODataException extends RuntimeException {

    private final int status;
    private final String code;

    ODataException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ODataException badRequest(String message) {
        return new ODataException(400, "BadRequest", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
