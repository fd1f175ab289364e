package io.pipelinehealth.webhook;

import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import io.pipelinehealth.common.Problem;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;

@Path("/api/v1/webhooks")
@Tag(name = "Webhooks")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(responseCode = "404", description = "No such subscription")
public class WebhookResource {

    @Inject WebhookService webhooks;

    @RolesAllowed(Roles.ADMIN)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to events", description = "Only https URLs (http when allowed) on public addresses; checked again before every attempt. The answer carries the signing secret, shown this once.")
    @APIResponse(responseCode = "201", description = "Subscribed", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Subscription.class)))
    @APIResponse(responseCode = "422", description = "Invalid URL (not https, or an internal address) or events")
    public Response subscribe(SubscriptionRequest request) {
        Subscription created = webhooks.subscribe(request);
        return Response.created(URI.create("/api/v1/webhooks/" + created.id())).entity(created).build();
    }

    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    @GET
    @Operation(summary = "List subscriptions")
    @APIResponse(responseCode = "200", description = "A page of subscriptions")
    public Page<Subscription> list(@BeanParam PageRequest page) {
        return webhooks.list(page);
    }

    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    @GET
    @Path("{id}")
    @Operation(summary = "Read a subscription", description = "Without its secret.")
    @APIResponse(responseCode = "200", description = "The subscription")
    public Subscription get(@PathParam("id") String id) {
        return webhooks.get(id);
    }

    @RolesAllowed(Roles.ADMIN)
    @DELETE
    @Path("{id}")
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE}) // 204 has no body: any Accept will do
    @Operation(summary = "Delete a subscription and its delivery log")
    @APIResponse(responseCode = "204", description = "Deleted")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(id);
        return Response.noContent().build();
    }

    @RolesAllowed({ Roles.ADMIN, Roles.READ })
    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "Delivery log of a subscription", description = "Newest first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of deliveries")
    public Page<Delivery> deliveries(@PathParam("id") String id, @BeanParam PageRequest page) {
        return webhooks.deliveries(id, page);
    }
}
