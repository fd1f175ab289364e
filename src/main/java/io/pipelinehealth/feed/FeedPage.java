package io.pipelinehealth.feed;

import io.pipelinehealth.pipeline.Pipeline;
import java.util.List;

/**
 * One page of a pull, checked and bounded, its rows not read yet: the rows of {@code scan} after
 * {@code after} up to {@code last} (null: to the end), with open visits as of
 * {@code nowSecond}. {@code attributeKeys} are the CSV's attr columns (null for JSON).
 */
public record FeedPage(FeedQueries.Scan scan, FeedQueries.Key after, FeedQueries.Key last, Pipeline pipeline, long nowSecond,
        List<String> attributeKeys, String nextCursor, String changeCursor) {
}
