package io.pipelinehealth.common;

/** The first page of a list read from a test rather than from a request. */
public final class FirstPage {

    private FirstPage() {
    }

    public static PageRequest of(int limit) {
        PageRequest request = new PageRequest();
        request.limit = Integer.toString(limit);
        return request;
    }
}
