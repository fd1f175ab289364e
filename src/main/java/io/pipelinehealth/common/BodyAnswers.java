package io.pipelinehealth.common;

import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The answers every operation that takes a body can give, whatever it does with it: 413 from
 * {@link BodyLimit}, 415 from {@link ContentTypeGuard}, and for a JSON body a 400 when it does not
 * parse ({@link JsonProblems}) and a 422 when its fields are invalid ({@link FieldError}). Added
 * to the served spec once here, so an operation's annotations name only the answers that are its
 * own, or its own words for these.
 */
public final class BodyAnswers {

    private BodyAnswers() {
    }

    /** Adds the answers the operation's annotations do not already give. */
    public static void addTo(Operation operation) {
        if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
            return;
        }
        APIResponses responses = operation.getResponses();
        if (operation.getRequestBody().getContent().hasMediaType(MediaType.APPLICATION_JSON)) {
            APIResponse badRequest = responses.getAPIResponse("400");
            // Quarkus adds a bare 400 "Bad Request" to operations with parameters or a body
            // (quarkus.smallrye-openapi.auto-add-bad-request-response): ours says more
            if (badRequest != null && badRequest.getContent() == null && "Bad Request".equals(badRequest.getDescription())) {
                responses.removeAPIResponse("400");
            }
            addIfAbsent(responses, "400", "Malformed JSON");
            // one validation pass names every bad field (FieldError); operations say more where they can
            addIfAbsent(responses, "422", "Invalid fields; errors names each");
        }
        addIfAbsent(responses, "413", "Body over this endpoint's limit");
        addIfAbsent(responses, "415", "No, unreadable or unsupported Content-Type");
    }

    private static void addIfAbsent(APIResponses responses, String code, String description) {
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(code, ProblemAnswers.problem(description));
        }
    }
}
