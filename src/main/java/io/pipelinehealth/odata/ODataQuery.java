package io.pipelinehealth.odata;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Set;

/**
 * The system query options of one request, checked against the entity set: $filter (see
 * {@link Filter}), $top (0 to 10,000), $select, $count, $orderby (the key, ascending: the only
 * order served) and $skiptoken (from @odata.nextLink). Any other $option is a 400 rather than
 * silently ignored, so a BI tool never gets rows it did not ask for.
 */
record ODataQuery(List<Filter.Term> filter, String filterText, Integer top, List<String> select, boolean count,
        String skiptoken, int pageSize) {

    private static final java.util.regex.Pattern MAX_PAGE_SIZE = java.util.regex.Pattern.compile(
            "odata\\.maxpagesize\\s*=\\s*(\\d{1,9})");

    /** The page size: the client's {@code Prefer: odata.maxpagesize} when smaller than ours. */
    static int pageSize(String prefer) {
        if (prefer != null) {
            java.util.regex.Matcher matcher = MAX_PAGE_SIZE.matcher(prefer);
            if (matcher.find()) {
                return Math.max(1, Math.min(ODataService.PAGE, Integer.parseInt(matcher.group(1))));
            }
        }
        return ODataService.PAGE;
    }

    private static final Set<String> SUPPORTED = Set.of("$filter", "$top", "$select", "$count", "$orderby",
            "$skiptoken", "$format");

    static ODataQuery of(EntitySet set, MultivaluedMap<String, String> parameters, String prefer) {
        for (String name : parameters.keySet()) {
            if (name.startsWith("$") && !SUPPORTED.contains(name)) {
                throw ODataException.badRequest(name + " is not supported; this service supports "
                        + String.join(", ", SUPPORTED.stream().sorted().toList()));
            }
        }
        String filterText = parameters.getFirst("$filter");
        List<Filter.Term> filter = Filter.parse(filterText, set.filterable(), set.instantFields());
        return new ODataQuery(filter, filterText == null ? "" : filterText, top(parameters.getFirst("$top")),
                select(set, parameters.getFirst("$select")), count(parameters.getFirst("$count")),
                skiptoken(parameters.getFirst("$skiptoken"), set, parameters.getFirst("$orderby"),
                        parameters.getFirst("$format")), pageSize(prefer));
    }

    private static Integer top(String text) {
        if (text == null) {
            return null;
        }
        try {
            int top = Integer.parseInt(text.strip());
            if (top >= 0 && top <= ODataService.MAX_TOP) {
                return top;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw ODataException.badRequest("$top must be a whole number from 0 to " + ODataService.MAX_TOP + ", not '"
                + text + "'");
    }

    private static List<String> select(EntitySet set, String text) {
        if (text == null || text.isBlank() || text.strip().equals("*")) {
            return null;
        }
        List<String> names = List.of(text.split(",")).stream().map(String::strip).toList();
        for (String name : names) {
            if (!set.has(name)) {
                throw ODataException.badRequest("$select: '" + name + "' is not a property of " + set.typeName());
            }
        }
        return names;
    }

    private static boolean count(String text) {
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw ODataException.badRequest("$count must be true or false, not '" + text + "'");
    }

    /** Checks the options that only have one valid value here, and answers $skiptoken. */
    private static String skiptoken(String token, EntitySet set, String orderby, String format) {
        if (orderby != null && !orderby.strip().equals(set.key()) && !orderby.strip().equals(set.key() + " asc")) {
            throw ODataException.badRequest("$orderby: only '" + set.key() + "' (ascending) is served, not '" + orderby
                    + "'");
        }
        if (format != null && !format.equals("json") && !format.startsWith("application/json")) {
            throw ODataException.badRequest("$format: only json is served, not '" + format + "'");
        }
        return token == null || token.isEmpty() ? null : token;
    }
}
