package io.pipelinehealth.frozen;

import io.pipelinehealth.identity.RepAccess;
import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.pipelinehealth.common.Csv;
import io.pipelinehealth.common.Instants;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;

/** Frozen deals: JSON by default, CSV with Accept: text/csv or format=csv (next cursor in X-Next-Cursor). */
@RolesAllowed({ Roles.ADMIN, Roles.READ, Roles.REP })
@Path("/api/v1/frozen")
@Tag(name = "Frozen deals")
public class FrozenResource {

    @Inject FrozenService frozen;
    @Inject Clock clock;
    @Inject RepAccess reps;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Frozen deals, most overdue first", description = "Open deals whose current visit is past frozenAfter as of asOf; ownerId is the current owner. JSON, or CSV with Accept: text/csv or format=csv (next cursor in the X-Next-Cursor header).")
    @APIResponse(responseCode = "200", description = "A page of frozen deals", content = {@Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FrozenPage.class)), @Content(mediaType = Csv.MEDIA_TYPE)})
    public Response list(@QueryParam("pipelineId") String pipelineId, @QueryParam("ownerId") String ownerId,
            @QueryParam("stage") String stage, @QueryParam("asOf") String asOf, @QueryParam("format") String format,
            @Context HttpHeaders headers, @BeanParam PageRequest request) {
        boolean csv = Csv.wanted(format, headers);
        Page<FrozenItem> page = frozen.list(pipelineId, reps.ownerFilter(ownerId), stage, Instants.asOf(asOf, clock),
                request);
        if (!csv) {
            return Response.ok(page, MediaType.APPLICATION_JSON_TYPE).build();
        }
        Response.ResponseBuilder response = Csv.ok(FrozenCsv.write(page.items()));
        if (page.nextCursor() != null) {
            response.header("X-Next-Cursor", page.nextCursor());
        }
        return response.build();
    }
}
