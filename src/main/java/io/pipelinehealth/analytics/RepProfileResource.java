package io.pipelinehealth.analytics;

import io.pipelinehealth.identity.RepAccess;
import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** A rep's own figures, for the rep: stage profile, open deals and frozen deals. */
@RolesAllowed({ Roles.ADMIN, Roles.READ, Roles.REP })
@Path("/api/v1/reps")
@Produces(MediaType.APPLICATION_JSON)
public class RepProfileResource {

    @Inject AnalyticsService analytics;
    @Inject Clock clock;
    @Inject RepAccess reps;

    @GET
    @Path("{ownerId}/profile")
    @Operation(summary = "A rep's stage profile and deals",
            description = "The rep's stage rows (visits they entered, closed in [from, to), open at asOf) next to the "
                    + "median deviation of all reps at that stage in the same window, with the evidence behind each pattern (DOMAIN rule 11); the deals they own now that are "
                    + "at a stage, ranked by seconds past the standard (then opportunityId); and the frozen ones among "
                    + "them. " + AnalyticsResource.PERCENTILES)
    @APIResponse(responseCode = "200", description = "The profile (empty lists when the rep has no visits)")
    @APIResponse(responseCode = "400", description = "Missing pipelineId or an invalid parameter")
    @APIResponse(responseCode = "404", description = "Unknown pipeline")
    @APIResponse(responseCode = "422", description = "alpha out of (0, 1]")
    public RepProfile profile(@PathParam("ownerId") String ownerId,
            @QueryParam("pipelineId") @Parameter(required = true) String pipelineId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("asOf") String asOf,
            @QueryParam("minVisits") String minVisits, @QueryParam("share") String share,
            @QueryParam("alpha") @Parameter(description = AnalyticsResource.ALPHA) String alpha) {
        reps.checkProfile(ownerId);
        return analytics.profile(ownerId, pipelineId, AnalyticsWindow.of(from, to, asOf, clock),
                PatternRule.of(minVisits, share, alpha));
    }
}
