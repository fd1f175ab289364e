package io.pipelinehealth.pipeline;

import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

@Path("/api/v1/pipelines")
@Tag(name = "Pipelines")
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    @Inject PipelineService pipelines;

    @RolesAllowed({ Roles.ADMIN, Roles.READ, Roles.REP })
    @GET
    @Operation(summary = "List pipelines", description = "Pipelines in id order, paginated with an opaque cursor.")
    @APIResponse(responseCode = "200", description = "A page of pipelines")
    public Page<PipelineView> list(@BeanParam PageRequest page) {
        return pipelines.list(page);
    }

    @RolesAllowed({ Roles.ADMIN, Roles.READ, Roles.REP })
    @GET
    @Path("{pipelineId}")
    @Operation(summary = "Read a pipeline", description = "The definition with defaults filled in.")
    @APIResponse(responseCode = "200", description = "The pipeline")
    @APIResponse(responseCode = "404", description = "No such pipeline")
    public PipelineView get(@PathParam("pipelineId") String pipelineId) {
        return pipelines.view(pipelineId).orElseThrow(() -> ApiException.notFound("pipeline", pipelineId));
    }

    @RolesAllowed(Roles.ADMIN)
    @PUT
    @Path("{pipelineId}")
    @Operation(summary = "Create or replace a pipeline", description = "Array order is stage order. A replacement re-derives every visit of the pipeline; it may not remove a stage that stored events use.")
    @APIResponse(responseCode = "200", description = "Replaced")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(responseCode = "409", description = "The replacement removes a stage in use")
    @APIResponse(responseCode = "422", description = "Invalid definition; errors names every bad field")
    public Response put(@PathParam("pipelineId") String pipelineId, PipelineDocument document, @Context UriInfo uri) {
        PipelineService.Saved saved = pipelines.put(pipelineId, document);
        return saved.created()
                ? Response.created(uri.getAbsolutePath()).entity(saved.view()).build()
                : Response.ok(saved.view()).build();
    }
}
