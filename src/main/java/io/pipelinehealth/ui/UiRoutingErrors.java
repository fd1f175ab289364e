package io.pipelinehealth.ui;

import io.pipelinehealth.common.ContentTypeGuard;
import io.pipelinehealth.common.ProblemMapper;
import io.pipelinehealth.common.Routes;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Routing failures under /ui are pages too: a browser that asks for a page that is not there, or
 * with a method the page does not take, gets an HTML error page (405 with its Allow list), not the
 * API's problem+json; so does a form posted with a body type the page does not take (415). These
 * mappers rank before {@link ProblemMapper}'s and hand every other path to it unchanged. A 406
 * stays problem+json: the client said it takes no HTML, so an HTML page would be the one answer it
 * refused.
 */
public class UiRoutingErrors {

    private final ProblemMapper api = new ProblemMapper();

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response notAllowed(NotAllowedException e, HttpServerRequest request) {
        if (!page(request)) {
            return api.notAllowed(e, request);
        }
        Set<String> allowed = Routes.allowed(request.path());
        return Response.fromResponse(UiRequests.error(405, "Method not allowed", request.method() + " is not "
                + "supported at " + request.path() + "; it answers " + String.join(", ", allowed) + ".", null))
                .allow(allowed).build();
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response notFound(NotFoundException e, HttpServerRequest request) {
        if (!page(request)) {
            return api.notFound(e, request);
        }
        return UiRequests.error(404, "Not found", "There is no page at " + request.path() + ".", null);
    }

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response notSupported(NotSupportedException e, HttpServerRequest request) {
        if (!page(request)) {
            return api.notSupported(e, request);
        }
        return UiRequests.error(415, "Unsupported media type", ContentTypeGuard.detail(
                request.getHeader("Content-Type"), Routes.consumes(request.method().name(), request.path())), null);
    }

    private static boolean page(HttpServerRequest request) {
        String path = request.path();
        return path.equals("/ui") || path.startsWith("/ui/");
    }
}
