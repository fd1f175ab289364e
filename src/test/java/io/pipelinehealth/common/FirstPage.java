package io.pipelinehealth.common;

/** The first page of a list read from a test rather than from a request. */
public final class FirstPage {

    private FirstPage() {
    }

    public static PageRequest of(int limit) {
        return PageRequest.firstPage(limit);
    }
}
