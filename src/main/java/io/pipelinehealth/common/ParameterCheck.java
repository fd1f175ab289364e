package io.pipelinehealth.common;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one check of every path and query parameter, before any resource runs: the {@link Text}
 * rules for all of them, and the {@link Ids} rules for those that name an id ({@code ...Id},
 * {@code id}, {@code stage}); a query parameter given twice is refused too. A bad query parameter is a 400; a path id that breaks the rules
 * cannot name anything that exists, so it is a 404 (a 400 on PUT, which creates what it names).
 * Either way nothing reaches JDBC.
 */
public class ParameterCheck {

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        for (Map.Entry<String, List<String>> parameter : uri.getPathParameters().entrySet()) {
            for (String value : parameter.getValue()) {
                String problem = problem(parameter.getKey(), value);
                if (problem == null) {
                    continue;
                }
                // PUT names the resource it creates, so a bad id there is a bad request, not a missing resource
                if (HttpMethod.PUT.equals(request.getMethod())) {
                    throw ApiException.badRequest("invalid-parameter", "Invalid path parameter",
                            parameter.getKey() + " " + problem + ".", List.of(FieldError.of(parameter.getKey(), problem)));
                }
                throw ApiException.notFound("not-found", "Not found", "No resource at this path: path parameter "
                        + parameter.getKey() + " " + problem + ".");
            }
        }
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            String nameProblem = Text.problem(parameter.getKey(), Ids.MAX_LENGTH);
            if (nameProblem != null) {
                throw invalid("(name)", "query parameter name " + nameProblem);
            }
            // every parameter of ours takes one value; of two, one would be ignored without a word
            if (parameter.getValue().size() > 1) {
                throw invalid(parameter.getKey(), "is given " + parameter.getValue().size() + " times; give it once");
            }
            for (String value : parameter.getValue()) {
                String problem = problem(parameter.getKey(), value);
                if (problem != null) {
                    throw invalid(parameter.getKey(), problem);
                }
            }
        }
    }

    private static String problem(String name, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        // The server decodes percent-escapes that are not UTF-8 (%FF, or %ED%A0%80 for a lone
        // surrogate) to U+FFFD; such a value is not the one the client meant, so it names nothing.
        if (value.indexOf('\uFFFD') >= 0) {
            return "is not valid UTF-8 once percent-decoded (or contains U+FFFD)";
        }
        return isId(name) ? Ids.problem(value) : Text.problem(value);
    }

    private static boolean isId(String name) {
        return name.endsWith("Id") || name.equals("id") || name.equals("stage");
    }

    private static ApiException invalid(String name, String problem) {
        return ApiException.badRequest("invalid-parameter", "Invalid query parameter", name + " " + problem + ".",
                List.of(FieldError.of(name, problem)));
    }
}
