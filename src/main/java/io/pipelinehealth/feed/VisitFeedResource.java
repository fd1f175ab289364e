package io.pipelinehealth.feed;

import io.pipelinehealth.common.Csv;
import io.pipelinehealth.identity.RepAccess;
import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** GET /api/v1/visits: one row per stage visit, for BI tools, with a change cursor (issue 22). */
@RolesAllowed({ Roles.ADMIN, Roles.READ, Roles.REP })
@Path("/api/v1/visits")
@Tag(name = "Visit feed")
@Produces({ MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE })
public class VisitFeedResource {

    private static final MediaType CSV = new MediaType("text", "csv", "utf-8");

    @Inject FeedService feed;
    @Inject FeedWriter writer;
    @Inject RepAccess reps;

    @GET
    @Operation(summary = "Every stage visit of a pipeline, with a change cursor",
            description = "Without changedSince: a full pull ordered by opportunity and visitKey, page by page with nextCursor; the last "
                    + "page carries changeCursor. With changedSince (an earlier changeCursor): the visits inserted or "
                    + "changed since, and a tombstone {visitKey, deleted: true} for each visit that no longer exists, "
                    + "with a new changeCursor (unchanged when nothing changed). Open visits show their elapsed time and "
                    + "OPEN or FROZEN as of the pull. CSV (Accept: text/csv) has the same columns, then attr.<key> "
                    + "columns and deleted; its cursors are in the X-Next-Cursor and X-Change-Cursor headers. A rep key "
                    + "sees its own visits only.")
    @APIResponse(responseCode = "200", description = "A page of visits",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitFeedPage.class)))
    @APIResponse(responseCode = "400", description = "Missing pipelineId, an invalid parameter, cursor or changedSince")
    @APIResponse(responseCode = "410", description = "changedSince is older than a pruned tombstone: do a full pull")
    public Response visits(@QueryParam("pipelineId") @Parameter(required = true) String pipelineId,
            @QueryParam("enteredFrom") @Parameter(description = "Visits entered at or after this instant") String enteredFrom,
            @QueryParam("enteredTo") @Parameter(description = "Visits entered before this instant") String enteredTo,
            @QueryParam("changedSince") @Parameter(description = "The changeCursor of an earlier pull") String changedSince,
            @QueryParam("format") @Parameter(description = "json (default) or csv") String format,
            @BeanParam FeedRequest page, @Context HttpHeaders headers) {
        boolean csv = Csv.wanted(format, headers);
        FeedPage result = feed.pull(new FeedService.Pull(pipelineId, enteredFrom, enteredTo, changedSince,
                reps.ownerFilter(null)), page, csv);
        if (!csv) {
            return Response.ok(writer.json(result), MediaType.APPLICATION_JSON_TYPE).build();
        }
        Response.ResponseBuilder response = Response.ok(writer.csv(result), CSV);
        if (result.nextCursor() != null) {
            response.header("X-Next-Cursor", result.nextCursor());
        }
        if (result.changeCursor() != null) {
            response.header("X-Change-Cursor", result.changeCursor());
        }
        return response.build();
    }
}
