package io.pipelinehealth.handoff;

import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Every hand-off with who did it, when and why (rule 12). */
@RolesAllowed({ Roles.ADMIN, Roles.READ })
@Path("/api/v1/handoffs")
@Tag(name = "Hand-offs")
@Produces(MediaType.APPLICATION_JSON)
public class HandoffAuditResource {

    @Inject HandoffAudit audit;
    @Inject HandoffService handoffs;

    @GET
    @Operation(summary = "The audit trail of hand-offs", description = "Ordered by at, then handoffId; from inclusive, to exclusive; keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of hand-offs")
    public Page<Handoff> list(@QueryParam("pipelineId") String pipelineId, @QueryParam("direction") String direction,
            @QueryParam("from") String from, @QueryParam("to") String to, @BeanParam PageRequest page) {
        return audit.list(pipelineId, direction, Instants.parameter("from", from), Instants.parameter("to", to), page);
    }

    @GET
    @Path("{handoffId}")
    @Operation(summary = "One hand-off")
    @APIResponse(responseCode = "200", description = "The hand-off")
    @APIResponse(responseCode = "404", description = "No such hand-off")
    public Handoff get(@PathParam("handoffId") long handoffId) {
        return handoffs.find(handoffId);
    }
}
