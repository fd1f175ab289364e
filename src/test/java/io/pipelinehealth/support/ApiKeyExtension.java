package io.pipelinehealth.support;

import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/**
 * Sends the test profile's bootstrap key on every REST Assured request that names no key of its
 * own, so tests call the API like any client. A Quarkus test callback (META-INF/services), so it
 * runs in the class loader of the tests and their REST Assured. A request with {@code Authorization: none}
 * ({@link #NO_KEY}) goes without the header.
 */
public class ApiKeyExtension implements QuarkusTestBeforeEachCallback {

    /** The same value as %test.pipeline-health.bootstrap-key in application.properties. */
    public static final String TEST_KEY = "ph_test-bootstrap-key-0123456789abcdef";
    public static final String NO_KEY = "none";

    private static final Filter DEFAULT_KEY = (request, response, context) -> {
        String given = request.getHeaders().getValue("Authorization");
        if (given == null) {
            request.header("Authorization", "Bearer " + TEST_KEY);
        } else if (given.equals(NO_KEY)) {
            request.removeHeader("Authorization");
        }
        return context.next(request, response);
    };

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (!RestAssured.filters().contains(DEFAULT_KEY)) {
            RestAssured.filters(DEFAULT_KEY);
        }
    }

    /** The header value of a key. */
    public static String bearer(String key) {
        return "Bearer " + key;
    }
}
