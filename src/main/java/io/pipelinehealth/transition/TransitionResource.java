package io.pipelinehealth.transition;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.pipelinehealth.common.Csv;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

@RolesAllowed({ Roles.ADMIN, Roles.INGEST })
@Path("/api/v1/transitions")
@Tag(name = "Transitions")
@Produces(MediaType.APPLICATION_JSON)
public class TransitionResource {

    static final String PREFER = "respond-async (RFC 7240): answer 202 once the events are durable and derive their visits "
            + "afterwards (see GET /api/v1/ingest/status); without it, the answer waits for the visits too";

    private static final MediaType CSV = MediaType.valueOf(Csv.MEDIA_TYPE);

    @Inject IngestService ingest;
    @Inject ObjectMapper json;

    @POST
    @Consumes({ MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE })
    @Operation(summary = "Ingest a batch of stage transitions", description = "1 to 10,000 events as a JSON array, or a CSV export with a header row. Atomic: all stored or nothing stored. Events already stored with the same content count as duplicates.")
    @APIResponse(responseCode = "200", description = "Batch stored", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "202", description = "Events stored; visits follow (Prefer: respond-async)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "Malformed JSON or CSV")
    @APIResponse(responseCode = "409", description = "An eventId is stored with other content, or an opportunity belongs to another pipeline")
    @APIResponse(responseCode = "413", description = "More than 10,000 events or body too large")
    @APIResponse(responseCode = "415", description = "Unsupported content type")
    @APIResponse(responseCode = "422", description = "Invalid events; errors names every bad item")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = TransitionInput.class)),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    public Response post(@Parameter(description = PREFER) @HeaderParam("Prefer") String prefer,
            @Context HttpHeaders headers, InputStream body) throws IOException {
        List<TransitionInput> inputs = CSV.isCompatible(headers.getMediaType()) ? CsvTransitions.read(body)
                : JsonTransitions.read(body, json);
        return answer(prefer, inputs);
    }

    /** RFC 7240: respond-async is a preference; honoured, it is named in Preference-Applied. */
    private Response answer(String prefer, List<TransitionInput> inputs) {
        boolean async = Preferences.respondAsync(prefer);
        IngestResult result = ingest.ingest(inputs, async);
        return async
                ? Response.accepted(result).header("Preference-Applied", Preferences.RESPOND_ASYNC).build()
                : Response.ok(result).build();
    }
}
