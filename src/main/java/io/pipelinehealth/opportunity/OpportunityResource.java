package io.pipelinehealth.opportunity;

import io.pipelinehealth.identity.RepAccess;
import io.pipelinehealth.identity.Roles;
import jakarta.inject.Inject;
import java.time.Instant;
import jakarta.annotation.security.RolesAllowed;
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
import java.time.Clock;

@RolesAllowed({ Roles.ADMIN, Roles.READ, Roles.REP })
@Path("/api/v1/opportunities")
@Tag(name = "Opportunities")
@Produces(MediaType.APPLICATION_JSON)
public class OpportunityResource {

    @Inject OpportunityService opportunities;
    @Inject OpportunityListService list;
    @Inject Clock clock;
    @Inject RepAccess reps;

    @GET
    @Path("{opportunityId}")
    @Operation(summary = "One opportunity as of an instant", description = "Every stage visit with actual, standard and deviation in whole seconds, and per-stage totals.")
    @APIResponse(responseCode = "200", description = "The opportunity")
    @APIResponse(responseCode = "400", description = "Invalid asOf")
    @APIResponse(responseCode = "404", description = "No such opportunity, or none of its events at or before asOf")
    public OpportunityView get(@PathParam("opportunityId") String opportunityId, @QueryParam("asOf") String asOf) {
        Instant at = Instants.asOf(asOf, clock);
        reps.checkOwns(opportunityId);
        return opportunities.view(opportunityId, at);
    }

    @GET
    @Operation(summary = "Where many opportunities stand", description = "Keyset-paginated by opportunity id; the cursor pins asOf. status filters on the current visit (OPEN or FROZEN).")
    @APIResponse(responseCode = "200", description = "A page of opportunities")
    public Page<OpportunityListItem> list(@QueryParam("pipelineId") String pipelineId,
            @QueryParam("ownerId") String ownerId, @QueryParam("stage") String stage,
            @QueryParam("status") String status, @QueryParam("asOf") String asOf, @BeanParam PageRequest page) {
        return list.list(pipelineId, reps.ownerFilter(ownerId), stage, status, Instants.asOf(asOf, clock), page);
    }
}
