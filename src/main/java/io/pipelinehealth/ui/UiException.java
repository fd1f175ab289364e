package io.pipelinehealth.ui;

/** A page that cannot be shown: an error page with this status and message, or a redirect. */
class UiException extends RuntimeException {

    private final int status;
    private final String title;
    private final String location;

    UiException(int status, String title, String message, String location) {
        super(message);
        this.status = status;
        this.title = title;
        this.location = location;
    }

    static UiException signIn() {
        return new UiException(303, "Sign in", "Sign in to see this page.", "/ui/login");
    }

    static UiException forbidden(String message) {
        return new UiException(403, "Not allowed", message, null);
    }

    static UiException badRequest(String message) {
        return new UiException(400, "Bad request", message, null);
    }

    int status() {
        return status;
    }

    String title() {
        return title;
    }

    String location() {
        return location;
    }
}
