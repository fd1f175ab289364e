package io.pipelinehealth.identity;

import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/tenants")
@Tag(name = "Keys and tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
public class TenantResource {

    @Inject TenantService tenants;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a tenant and its first admin key", description = "The key is shown only in this response.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewTenant.class)))
    @APIResponse(responseCode = "409", description = "A tenant with this id exists")
    public Response create(TenantRequest request) {
        NewTenant created = tenants.create(request);
        return Response.created(URI.create("/api/v1/tenants/" + created.tenant().id())).entity(created).build();
    }

    @GET
    @Operation(summary = "List tenants", description = "Keyset-paginated by id.")
    @APIResponse(responseCode = "200", description = "A page of tenants")
    public Page<Tenant> list(@BeanParam PageRequest page) {
        return tenants.list(page);
    }
}
