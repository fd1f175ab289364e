package io.pipelinehealth.common;

import jakarta.ws.rs.QueryParam;
import java.util.List;

/** The {@code limit} and {@code cursor} query parameters every paginated list takes. */
public class PageRequest {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;

    @QueryParam("limit")
    String limit;

    @QueryParam("cursor")
    String cursor;

    public int limit() {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= MAX_LIMIT) {
                return value;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                "limit must be a whole number from 1 to " + MAX_LIMIT + ", not '" + limit + "'");
    }

    /** The decoded cursor's values, or an empty list on the first page. */
    public List<String> cursorValues() {
        return cursor == null || cursor.isEmpty() ? List.of() : PageCursor.decode(cursor);
    }

    /** For lists keyed by one id: the id after which this page starts. */
    public String after() {
        List<String> values = cursorValues();
        return values.isEmpty() ? null : values.get(0);
    }
}
