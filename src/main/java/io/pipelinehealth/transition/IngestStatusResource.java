package io.pipelinehealth.transition;

import io.pipelinehealth.common.TenantResolver;
import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The derivation backlog of the caller's tenant. Loaders (role ingest) poll it after asynchronous
 * batches; readers (role read) and admins see how fresh the figures are. No rep key: a count over
 * the tenant's opportunities is not scoped to one rep's deals.
 */
@RolesAllowed({ Roles.ADMIN, Roles.INGEST, Roles.READ })
@Path("/api/v1/ingest/status")
@Tag(name = "Transitions")
@Produces(MediaType.APPLICATION_JSON)
public class IngestStatusResource {

    @Inject TenantResolver tenants;
    @Inject TransitionStore store;

    @GET
    @Operation(summary = "Derivation backlog", description = "Opportunities whose stored events are not derived into visits yet (after Prefer: respond-async batches), and since when the oldest waits. 0 and null when every read sees every stored event.")
    @APIResponse(responseCode = "200", description = "The backlog")
    public IngestStatus status() {
        return store.status(tenants.currentTenant());
    }
}
