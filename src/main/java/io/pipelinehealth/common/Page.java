package io.pipelinehealth.common;

import java.util.List;

/** The envelope of every paginated list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
