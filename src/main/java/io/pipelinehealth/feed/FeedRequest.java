package io.pipelinehealth.feed;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.PageRequest;
import jakarta.ws.rs.QueryParam;

/** The feed's paging: like every list's, but up to 10,000 rows a page (BI tools pull whole tables). */
public class FeedRequest extends PageRequest {

    public static final int MAX_FEED_LIMIT = 10_000;
    public static final int DEFAULT_FEED_LIMIT = 1_000;

    @QueryParam("limit")
    String feedLimit;

    @Override
    public int limit() {
        if (feedLimit == null || feedLimit.isEmpty()) {
            return DEFAULT_FEED_LIMIT;
        }
        try {
            int value = Integer.parseInt(feedLimit);
            if (value >= 1 && value <= MAX_FEED_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                "limit must be a whole number from 1 to " + MAX_FEED_LIMIT + ", not '" + feedLimit + "'");
    }
}
