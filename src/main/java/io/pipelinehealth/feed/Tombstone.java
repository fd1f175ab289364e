package io.pipelinehealth.feed;

/** A visit that no longer exists (a late event split or merged visits): an incremental pull's delete. */
public record Tombstone(String visitKey, boolean deleted) {

    public Tombstone(String visitKey) {
        this(visitKey, true);
    }
}
