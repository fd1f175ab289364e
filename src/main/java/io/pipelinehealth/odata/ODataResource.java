package io.pipelinehealth.odata;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Read-only OData v4 (JSON format, minimal metadata) for Power BI, Excel and Tableau: the
 * service document, $metadata, and the entity sets of {@link ODataService}. Hand-written for the
 * subset of issue 22 rather than Apache Olingo's servlet-based server (docs/domain-decisions.md).
 * Not part of openapi.yaml: OData clients read $metadata, not OpenAPI. Errors of this service are
 * in the OData error format; those of authentication are the API's problem+json.
 */
@RolesAllowed({ Roles.ADMIN, Roles.READ, Roles.REP })
@Path("/odata")
public class ODataResource {

    private static final String JSON = "application/json;odata.metadata=minimal;odata.streaming=true;IEEE754Compatible=false";

    @Inject ODataService service;
    @Inject ObjectMapper json;

    @GET
    @Operation(hidden = true)
    @Path("/")
    public Response serviceDocument(@Context UriInfo uri) {
        return respond(() -> {
            List<Map<String, Object>> sets = ODataService.SETS.stream().map(set -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("name", set.name());
                entry.put("kind", "EntitySet");
                entry.put("url", set.name());
                return entry;
            }).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("@odata.context", base(uri) + "$metadata");
            body.put("value", sets);
            return ok(body);
        });
    }

    @GET
    @Operation(hidden = true)
    @Path("/$metadata")
    public Response metadata() {
        return respond(() -> Response.ok(Metadata.csdl(ODataService.SETS), MediaType.APPLICATION_XML_TYPE)
                .header("OData-Version", "4.0").build());
    }

    @GET
    @Operation(hidden = true)
    @Path("/{set}")
    public Response entitySet(@PathParam("set") String name, @HeaderParam("Prefer") String prefer,
            @Context UriInfo uri) {
        return respond(() -> {
            EntitySet set = ODataService.SETS.stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ODataException(404, "NotFound", "No entity set '" + name + "'; the sets are "
                            + String.join(", ", ODataService.SETS.stream().map(EntitySet::name).toList())));
            ODataQuery query = ODataQuery.of(set, uri.getQueryParameters(), prefer);
            Function<ODataQuery, ODataService.Result> read = switch (set.name()) {
                case "Visits" -> service::visits;
                case "RepStageRows" -> service::repStageRows;
                default -> service::pipelines;
            };
            ODataService.Result result = read.apply(query);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("@odata.context", base(uri) + "$metadata#" + set.name()
                    + (query.select() == null ? "" : "(" + String.join(",", query.select()) + ")"));
            if (result.count() != null) {
                body.put("@odata.count", result.count());
            }
            body.put("value", query.select() == null ? result.entities()
                    : result.entities().stream().map(entity -> selected(entity, query.select())).toList());
            if (result.skiptoken() != null) {
                body.put("@odata.nextLink", nextLink(uri, query, result.entities().size(), result.skiptoken()));
            }
            return ok(body);
        });
    }

    private static Map<String, Object> selected(Map<String, Object> entity, List<String> select) {
        Map<String, Object> out = new LinkedHashMap<>();
        select.forEach(name -> out.put(name, entity.get(name)));
        return out;
    }

    /** The same request with $skiptoken, and $top lowered by what this page delivered. */
    private static String nextLink(UriInfo uri, ODataQuery query, int delivered, String skiptoken) {
        UriBuilder next = uri.getRequestUriBuilder().replaceQueryParam("$skiptoken", skiptoken);
        if (query.top() != null) {
            next.replaceQueryParam("$top", query.top() - delivered);
        }
        return next.build().toString();
    }

    private static String base(UriInfo uri) {
        return uri.getBaseUriBuilder().path("odata").build() + "/";
    }

    private Response ok(Object body) {
        try {
            return Response.ok(json.writeValueAsString(body), JSON).header("OData-Version", "4.0").build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** OData errors: {"error": {"code", "message"}} with the status, whatever layer refused. */
    private Response respond(Supplier<Response> work) {
        try {
            return work.get();
        } catch (ODataException e) {
            return error(e.status(), e.code(), e.getMessage());
        } catch (ApiException e) {
            return error(e.status(), e.type(), e.detail());
        }
    }

    private Response error(int status, String code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).header("OData-Version", "4.0")
                .entity(Map.of("error", error)).build();
    }
}
