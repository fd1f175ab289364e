package io.pipelinehealth.identity;

import static io.pipelinehealth.common.ProblemAnswers.problem;

import io.pipelinehealth.common.BodyAnswers;
import io.pipelinehealth.common.ParameterAnswers;
import io.pipelinehealth.common.ProblemAnswers;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Adds the bearer security scheme (required globally) and the 401, 403, 429 and 503 answers every
 * /api/v1 operation can give to the served spec, and the answers every body can get
 * ({@link BodyAnswers}) or some parameters bring ({@link ParameterAnswers}), and the problem
 * content of every error answer ({@link ProblemAnswers}), so the annotations need not repeat them.
 */
public class SecurityContract implements OASFilter {

    static final String SCHEME = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSecurityScheme(SCHEME, OASFactory.createSecurityScheme()
                .type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An API key (ph_...) as a bearer token; see README, Keys, roles and tenants."));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme(SCHEME));
        openAPI.getComponents()
                .addResponse("Unauthorized", problem("Missing, unknown, revoked or expired key (WWW-Authenticate: Bearer)"))
                .addResponse("Forbidden", problem("The key has no role that allows this"))
                .addResponse("TooManyRequests", problem("The key's rate limit is spent; Retry-After says when to retry"))
                .addResponse("ServiceUnavailable", problem("The database is unavailable (`database-unavailable`: down, "
                        + "restarting or refusing connections), every connection stayed busy too long (`busy`), "
                        + "or this replica is stopping (`stopping`); Retry-After says when to retry"));
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1/")) {
                item.getOperations().values().forEach(operation -> addAnswers(path, operation));
            }
        });
    }

    private static void addAnswers(String path, Operation operation) {
        operation.getResponses()
                .addAPIResponse("401", OASFactory.createAPIResponse().ref("Unauthorized"))
                .addAPIResponse("403", OASFactory.createAPIResponse().ref("Forbidden"))
                .addAPIResponse("429", OASFactory.createAPIResponse().ref("TooManyRequests"))
                .addAPIResponse("503", OASFactory.createAPIResponse().ref("ServiceUnavailable"));
        BodyAnswers.addTo(operation);
        ParameterAnswers.addTo(path, operation);
        ProblemAnswers.addTo(operation);
    }
}
