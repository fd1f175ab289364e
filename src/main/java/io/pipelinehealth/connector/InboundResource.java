package io.pipelinehealth.connector;

import io.pipelinehealth.common.Csv;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where CRMs send. Open to the security layer on purpose ({@code @PermitAll}): HubSpot signs its
 * requests and Pipedrive sends HTTP basic auth, neither can send our bearer keys, so the connector
 * authenticates each request its CRM's way; a Salesforce export needs one of our keys, checked in
 * {@link InboundService#export}. An unknown connector id is a 404 before anything else is looked at.
 */
@PermitAll
@Path(InboundResource.PATH)
@Tag(name = "Connectors")
@Produces(MediaType.APPLICATION_JSON)
public class InboundResource {

    static final String PATH = "/api/v1/inbound";
    private static final MediaType CSV = MediaType.valueOf(Csv.MEDIA_TYPE);

    @Inject InboundService inbound;
    @Inject PublicUrl publicUrl;

    @POST
    @Path("{connectorId}")
    @Consumes({ MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE })
    @Operation(summary = "Receive a CRM's webhook or export", description = "HubSpot (X-HubSpot-Signature-v3) or Pipedrive (HTTP basic auth) deal events as the CRM sends them (JSON), or a Salesforce OpportunityHistory export from Data Loader or the Bulk API (text/csv, any number of rows, stored in atomic batches of at most 10,000; needs a key with role ingest). Unmapped stages are listed, not stored, and still answer 200 so the CRM does not retry.")
    @APIResponse(responseCode = "200", description = "Received; what was stored, noted, ignored and refused (an export's by line)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = InboundResult.class)))
    @APIResponse(responseCode = "400", description = "Malformed payload, or malformed CSV or missing columns")
    @APIResponse(responseCode = "404", description = "No such connector")
    @APIResponse(responseCode = "409", description = "A transition conflicts with a stored one; nothing was stored")
    @APIResponse(responseCode = "415", description = "Unsupported content type for this connector")
    @APIResponse(responseCode = "422", description = "A mapped event is not a valid transition; nothing was stored")
    @RequestBody(required = true, content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    description = "The CRM's own webhook body: a HubSpot array of events or a Pipedrive v2 object")),
            @Content(mediaType = Csv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)) })
    public InboundResult receive(@PathParam("connectorId") String connectorId, InputStream body,
            @Context HttpServerRequest http, @Context HttpHeaders headers) throws IOException {
        if (CSV.isCompatible(headers.getMediaType())) {
            return inbound.export(connectorId, body);
        }
        return inbound.webhook(connectorId, new InboundService.Request(http.method().name(), publicUrl.requestUri(http),
                body.readAllBytes(), http.getHeader("X-HubSpot-Signature-v3"), http.getHeader("X-HubSpot-Request-Timestamp"),
                http.getHeader("Authorization")));
    }
}
