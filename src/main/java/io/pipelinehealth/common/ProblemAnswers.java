package io.pipelinehealth.common;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every error the API answers is a problem document ({@link ProblemMapper}), so an error answer an
 * annotation declares by its code and words alone gets the problem content here, once, instead of
 * each annotation naming {@link Problem} again.
 */
public final class ProblemAnswers {

    private ProblemAnswers() {
    }

    /** Gives each 4xx answer of the operation that has neither content nor a reference the problem content. */
    public static void addTo(Operation operation) {
        operation.getResponses().getAPIResponses().forEach((code, answer) -> {
            if (code.startsWith("4") && answer.getRef() == null && answer.getContent() == null) {
                answer.setContent(content());
            }
        });
    }

    /** A response whose body is a problem document. */
    public static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(content());
    }

    private static Content content() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref("Problem")));
    }
}
