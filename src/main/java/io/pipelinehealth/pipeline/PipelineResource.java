package io.pipelinehealth.pipeline;

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
@Produces(MediaType.APPLICATION_JSON)
public class PipelineResource {

    private final PipelineService pipelines;

    PipelineResource(PipelineService pipelines) {
        this.pipelines = pipelines;
    }

    @GET
    public Page<PipelineView> list(@BeanParam PageRequest page) {
        return pipelines.list(page.after(), page.limit());
    }

    @GET
    @Path("{pipelineId}")
    public PipelineView get(@PathParam("pipelineId") String pipelineId) {
        return pipelines.view(pipelineId).orElseThrow(() -> ApiException.notFound("pipeline", pipelineId));
    }

    @PUT
    @Path("{pipelineId}")
    public Response put(@PathParam("pipelineId") String pipelineId, PipelineDocument document, @Context UriInfo uri) {
        PipelineService.Saved saved = pipelines.put(pipelineId, document);
        return saved.created()
                ? Response.created(uri.getAbsolutePath()).entity(saved.view()).build()
                : Response.ok(saved.view()).build();
    }
}
