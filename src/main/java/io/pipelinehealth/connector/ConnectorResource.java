package io.pipelinehealth.connector;

import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import io.pipelinehealth.common.Problem;
import io.pipelinehealth.identity.Roles;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Connectors are managed by admin keys only: they hold CRM credentials. */
@RolesAllowed(Roles.ADMIN)
@Path("/api/v1/connectors")
@Tag(name = "Connectors")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such connector")
public class ConnectorResource {

    @Inject ConnectorService connectors;
    @Inject PublicUrl publicUrl;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a CRM connector", description = "HubSpot or Pipedrive webhooks, or Salesforce OpportunityHistory exports, mapped onto pipelines. The secret is stored sealed (HubSpot) or hashed (Pipedrive) and never returned.")
    @APIResponse(responseCode = "201", description = "Created; inboundUrl is where the CRM sends", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Connector.class)))
    @APIResponse(responseCode = "422", description = "Invalid connector: unknown pipeline or stage, missing secret")
    public Response create(ConnectorRequest request, @Context HttpServerRequest http) {
        Connector created = withUrl(connectors.create(request), http);
        return Response.created(URI.create("/api/v1/connectors/" + created.id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List connectors")
    @APIResponse(responseCode = "200", description = "A page of connectors")
    public Page<Connector> list(@BeanParam PageRequest page, @Context HttpServerRequest http) {
        Page<Connector> found = connectors.list(page);
        return new Page<>(found.items().stream().map(c -> withUrl(c, http)).toList(), found.nextCursor());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "Read a connector", description = "Without its secret.")
    @APIResponse(responseCode = "200", description = "The connector")
    public Connector get(@PathParam("id") String id, @Context HttpServerRequest http) {
        return withUrl(connectors.get(id), http);
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace a connector's mapping and secret", description = "The same body as POST; the id and inboundUrl stay.")
    @APIResponse(responseCode = "200", description = "Replaced", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Connector.class)))
    @APIResponse(responseCode = "422", description = "Invalid connector")
    public Connector replace(@PathParam("id") String id, ConnectorRequest request, @Context HttpServerRequest http) {
        return withUrl(connectors.replace(id, request), http);
    }

    @DELETE
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // 204 has no body: any Accept will do
    @Operation(summary = "Delete a connector and its log", description = "Its inbound URL answers 404 from then on; stored transitions stay.")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        connectors.delete(id);
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/log")
    @Operation(summary = "A connector's log", description = "What arrived, what it became, and what was ignored or refused and why; newest first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of log entries")
    public Page<LogEntry> log(@PathParam("id") String id, @BeanParam PageRequest page) {
        return connectors.log(id, page);
    }

    private Connector withUrl(Connector connector, HttpServerRequest http) {
        return connector.withInboundUrl(publicUrl.base(http) + InboundResource.PATH + "/" + connector.id());
    }
}
