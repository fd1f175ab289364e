package io.pipelinehealth.connector;

import java.util.List;

/**
 * The answer to an inbound request: {@code received} items (events, or rows of an export),
 * {@code stored} transitions, {@code duplicates} already stored, {@code noted} changes kept for
 * later stage changes, and those {@code ignored} (an unmapped stage, an event with no stage) or
 * {@code refused} (invalid) with why. The lists hold at most {@value #MAX_LISTED} items each; the
 * counts are complete.
 */
public record InboundResult(int received, int stored, int duplicates, int noted, int ignoredCount, int refusedCount,
        List<InboundItem> ignored, List<InboundItem> refused) {

    public static final int MAX_LISTED = 1000;
}
