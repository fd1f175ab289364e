package io.pipelinehealth.feed;

import io.pipelinehealth.common.PageRequest;

/** The feed's paging: like every list's, but up to 10,000 rows a page (BI tools pull whole tables). */
public class FeedRequest extends PageRequest {

    public static final int MAX_FEED_LIMIT = 10_000;
    public static final int DEFAULT_FEED_LIMIT = 1_000;

    @Override
    public int limit() {
        return limit(DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT);
    }
}
