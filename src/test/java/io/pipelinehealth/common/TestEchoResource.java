package io.pipelinehealth.common;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Test-only endpoints that exercise the error mapping; not part of the application. */
@PermitAll
@Path("/test-echo")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TestEchoResource {

    public record Item(String eventId, Instant occurredAt, Integer count) {
    }

    private final Clock clock;
    private final TenantResolver tenants;

    public TestEchoResource(Clock clock, TenantResolver tenants) {
        this.clock = clock;
        this.tenants = tenants;
    }

    @POST
    public List<Item> echo(List<Item> items) {
        return items;
    }

    @GET
    @Path("/now")
    public String now(@QueryParam("limit") Integer limit) {
        return "{\"now\":\"" + Instant.now(clock) + "\",\"tenant\":\"" + tenants.currentTenant() + "\"}";
    }

    @GET
    @Path("/boom")
    public String boom() {
        throw new IllegalStateException("secret internal detail");
    }

    /** What the pool throws (wrapped by Hibernate or a store) when no connection is free in time. */
    @GET
    @Path("/busy")
    public String busy() {
        throw new IllegalStateException("database operation failed", new java.sql.SQLException(
                "Acquisition timeout while waiting for new connection", new java.util.concurrent.TimeoutException()));
    }

    @GET
    @Path("/conflict")
    public String conflict() {
        throw ApiException.conflict("event-conflict", "Conflicting event",
                "Event e1 was stored with other content.",
                List.of(new FieldError(0, "e1", "stageId", "differs from the stored event")));
    }
}
