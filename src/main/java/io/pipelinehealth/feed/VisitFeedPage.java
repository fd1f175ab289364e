package io.pipelinehealth.feed;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A page of the feed: {@link FeedRow}s and, in an incremental pull, {@link Tombstone}s.
 * {@code nextCursor} is null on the last page; only the last page carries {@code changeCursor},
 * the {@code changedSince} of the next incremental pull.
 */
public record VisitFeedPage(
        @Schema(type = SchemaType.ARRAY, oneOf = { FeedRow.class, Tombstone.class }) List<Object> items,
        String nextCursor, String changeCursor) {
}
