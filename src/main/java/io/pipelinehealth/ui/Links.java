package io.pipelinehealth.ui;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links between pages: ids and parameters are encoded, so an odd id cannot break out of a URL. */
final class Links {

    private Links() {
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code ?asOf=...} when the page was asked as of an instant, else nothing. */
    static String asOf(String asOf) {
        return asOf == null || asOf.isEmpty() ? "" : "asOf=" + query(asOf);
    }

    static String pipeline(String id, String asOf) {
        return "/ui/pipelines/" + segment(id) + suffix(asOf);
    }

    static String frozen(String id, String asOf) {
        return "/ui/pipelines/" + segment(id) + "/frozen" + suffix(asOf);
    }

    static String opportunity(String id, String asOf) {
        return "/ui/opportunities/" + segment(id) + suffix(asOf);
    }

    static String rep(String ownerId, String pipelineId, String asOf) {
        String link = "/ui/reps/" + segment(ownerId) + "?pipelineId=" + query(pipelineId);
        return asOf == null || asOf.isEmpty() ? link : link + "&" + asOf(asOf);
    }

    private static String suffix(String asOf) {
        String query = asOf(asOf);
        return query.isEmpty() ? "" : "?" + query;
    }
}
