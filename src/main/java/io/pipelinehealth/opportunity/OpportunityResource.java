package io.pipelinehealth.opportunity;

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

@Path("/api/v1/opportunities")
@Produces(MediaType.APPLICATION_JSON)
public class OpportunityResource {

    private final OpportunityService opportunities;
    private final OpportunityListService list;
    private final Clock clock;

    OpportunityResource(OpportunityService opportunities, OpportunityListService list, Clock clock) {
        this.opportunities = opportunities;
        this.list = list;
        this.clock = clock;
    }

    @GET
    @Path("{opportunityId}")
    public OpportunityView get(@PathParam("opportunityId") String opportunityId, @QueryParam("asOf") String asOf) {
        return opportunities.view(opportunityId, Instants.asOf(asOf, clock));
    }

    @GET
    public Page<OpportunityListItem> list(@QueryParam("pipelineId") String pipelineId,
            @QueryParam("ownerId") String ownerId, @QueryParam("stage") String stage,
            @QueryParam("status") String status, @QueryParam("asOf") String asOf, @BeanParam PageRequest page) {
        return list.list(pipelineId, ownerId, stage, status, Instants.asOf(asOf, clock), page.cursorValues(),
                page.limit());
    }
}
