package io.pipelinehealth.common;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The answers an operation gives because of a parameter it takes, whatever else it does: a page
 * ({@code cursor}, {@link PageRequest}) is a 400 for a bad limit or cursor, a {@code pipelineId} is
 * a 404 when the tenant has no such pipeline, and {@code format} answers CSV as well as JSON
 * ({@link Csv#wanted}). Added to the served spec once here, like {@link BodyAnswers}: an
 * operation's annotations name these only where it has its own words.
 *
 * <p>A 404 needs something to look up: a path parameter or a {@code pipelineId}. A resource class
 * names its 404 once ("No such connector"), and the operations that look nothing up (its create and
 * its list) do not answer it.
 */
public final class ParameterAnswers {

    private ParameterAnswers() {
    }

    /** Adds the answers the operation's annotations do not already give, and drops a 404 it cannot give. */
    public static void addTo(String path, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (!path.contains("{") && !takes(operation, "pipelineId")) {
            responses.removeAPIResponse("404");
        }
        if (takes(operation, "cursor") && !responses.hasAPIResponse("400")) {
            responses.addAPIResponse("400", ProblemAnswers.problem("Invalid parameter or cursor"));
        }
        if (takes(operation, "pipelineId") && !responses.hasAPIResponse("404")) {
            responses.addAPIResponse("404", ProblemAnswers.problem("Unknown pipelineId"));
        }
        APIResponse ok = responses.getAPIResponse("200");
        if (takes(operation, "format") && ok != null && ok.getContent() != null
                && !ok.getContent().hasMediaType(Csv.MEDIA_TYPE)) {
            ok.getContent().addMediaType(Csv.MEDIA_TYPE, OASFactory.createMediaType()
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    private static boolean takes(Operation operation, String query) {
        return operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() == Parameter.In.QUERY && query.equals(p.getName()));
    }
}
