package io.pipelinehealth.handoff;

import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** Hands an opportunity to marketing nurturing, back to sales, or disqualifies it. */
@RolesAllowed({ Roles.ADMIN, Roles.HANDOFF, Roles.REP })
@Path("/api/v1/opportunities/{opportunityId}/handoffs")
@Tag(name = "Hand-offs")
@Produces(MediaType.APPLICATION_JSON)
public class HandoffResource {

    @Inject HandoffService handoffs;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Hand a deal to nurturing, back to sales, or disqualify it", description = "The move is judged at `at` (default now) under the opportunity's row lock; visits are re-derived and webhooks queued in the same transaction.")
    @APIResponse(responseCode = "201", description = "Recorded", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Handoff.class)))
    @APIResponse(responseCode = "404", description = "No such opportunity")
    @APIResponse(responseCode = "409", description = "The state at `at` does not allow the move; detail says why")
    public Response create(@PathParam("opportunityId") String opportunityId, HandoffRequest request) {
        Handoff handoff = handoffs.handOff(opportunityId, request);
        return Response.created(URI.create("/api/v1/handoffs/" + handoff.handoffId())).entity(handoff).build();
    }
}
