package io.pipelinehealth.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code limit} and {@code cursor} query parameters every paginated list takes, and the query
 * a cursor is bound to: the list's path and every other query parameter that has a value.
 * Binding all parameters, rather than a list of filters per service, means a filter added later
 * is bound without anyone remembering to. {@code limit} may change from page to page,
 * {@code format} only chooses JSON or CSV, and {@code asOf} is pinned inside the signed cursor
 * itself (a later page is as of the first page's instant, whatever asOf it sends), so none of
 * the three is bound.
 */
public class PageRequest {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1_000;

    private static final Set<String> UNBOUND = Set.of("cursor", "limit", "format", "asOf");
    private static final ObjectMapper JSON = new ObjectMapper();

    @QueryParam("limit")
    String limit;

    @QueryParam("cursor")
    String cursor;

    @Context
    UriInfo uri;

    /** The first page of a list read from code rather than from a request (the pages, ui.PagesResource). */
    public static PageRequest firstPage(int limit) {
        PageRequest request = new PageRequest();
        request.limit = Integer.toString(limit);
        return request;
    }

    public int limit() {
        return limit(DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** The limit sent, a whole number from 1 to {@code max}; without one, {@code defaultLimit}. */
    protected int limit(int defaultLimit, int max) {
        if (limit == null || limit.isEmpty()) {
            return defaultLimit;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw ApiException.badRequest("invalid-parameter", "Invalid query parameter",
                "limit must be a whole number from 1 to " + max + ", not '" + limit + "'");
    }

    /** The cursor as sent, or null on the first page. */
    String cursor() {
        return cursor == null || cursor.isEmpty() ? null : cursor;
    }

    /** The list and filters, canonical: the path, then the sorted non-empty query parameters. */
    String query() {
        Map<String, List<String>> filters = new TreeMap<>();
        if (uri == null) {
            return "[\"\",{}]"; // a page read from code: bound to nothing but the tenant
        }
        uri.getQueryParameters().forEach((name, values) -> {
            List<String> present = values.stream().filter(v -> v != null && !v.isEmpty()).toList();
            if (!UNBOUND.contains(name) && !present.isEmpty()) {
                filters.put(name, present);
            }
        });
        try {
            return JSON.writeValueAsString(List.of(uri.getPath(), filters));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
