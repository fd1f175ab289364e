package io.pipelinehealth.feed;

import java.time.Instant;

/**
 * A visit row as stored; a {@code deleted} row carries the key alone. The opportunity's
 * attributes come either as JSON text ({@code attributesJson}) or as the values of the keys the
 * query asked for ({@code attributeValues}, the CSV's attr columns in order).
 */
public record FeedStored(String visitKey, boolean deleted, String opportunityId, String pipelineId, String kind,
        String stage, String ownerId, Instant enteredAt, Instant leftAt, long enteredSecond, Long leftSecond,
        Long standardSeconds, Long workingSeconds, String closedStatus, Long frozenAfterSeconds,
        String attributesJson, String[] attributeValues) {

    static FeedStored tombstone(String visitKey) {
        return new FeedStored(visitKey, true, null, null, null, null, null, null, null, 0, null, null, null, null,
                null, null, null);
    }
}
