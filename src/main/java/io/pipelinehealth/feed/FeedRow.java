package io.pipelinehealth.feed;

import java.time.Instant;
import java.util.Map;

/**
 * One stage visit of the feed. Closed visits carry their status (rule 8) and actual seconds;
 * open ones the elapsed time and OPEN or FROZEN as of the pull. Seconds are in the pipeline's
 * time basis ({@code timeBasis}: CALENDAR, or WORKING and the zone).
 */
public record FeedRow(String visitKey, String opportunityId, String pipelineId, String stage, String ownerId,
        Instant enteredAt, Instant leftAt, long actualSeconds, Long standardSeconds, Long deviationSeconds,
        String status, String timeBasis, Map<String, String> attributes) {
}
