package io.pipelinehealth.transition;

/** What a batch did: {@code duplicates} are events already stored with the same content. */
public record IngestResult(int received, int stored, int duplicates) {
}
