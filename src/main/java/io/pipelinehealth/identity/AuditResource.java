package io.pipelinehealth.identity;

import io.pipelinehealth.common.Page;
import io.pipelinehealth.common.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Tag(name = "Keys and tenants")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditResource {

    @Inject AuditLog audit;

    @GET
    @Operation(summary = "Who changed what, when", description = "Pipeline changes, key creation and revocation, webhook subscription and tenant changes, hand-offs; newest first, keyset-paginated.")
    @APIResponse(responseCode = "200", description = "A page of audit entries")
    public Page<AuditEntry> list(@BeanParam PageRequest page) {
        return audit.page(page);
    }
}
