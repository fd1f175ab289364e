package io.pipelinehealth.ui;

import io.pipelinehealth.common.ApiException;
import io.pipelinehealth.identity.ApiKey;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One page request: find the session (else back to the sign-in), make its key the request's key so
 * the services answer as they do for that key through the API (tenant, row-level security, rep
 * scope), render, and turn every failure into an HTML page with the right status, never a stack trace.
 */
@ApplicationScoped
class UiRequests {

    private static final Logger LOG = Logger.getLogger(UiRequests.class);
    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";

    @Inject UiSessions sessions;

    /** A GET page: the viewer's page, or the error page. */
    Response page(RoutingContext context, Function<Viewer, TemplateInstance> render) {
        Viewer viewer = null;
        try {
            viewer = viewer(context);
            return ok(render.apply(viewer));
        } catch (RuntimeException e) {
            return failure(e, viewer, context);
        }
    }

    /** A form POST: refused with 403 unless it carries the session's CSRF token. */
    Response post(RoutingContext context, String csrf, Function<Viewer, Response> action) {
        Viewer viewer = null;
        try {
            viewer = viewer(context);
            if (csrf == null || !MessageDigest.isEqual(csrf.getBytes(StandardCharsets.UTF_8),
                    viewer.csrf().getBytes(StandardCharsets.UTF_8))) {
                throw UiException.forbidden("This form is missing its security token or the token is not this "
                        + "session's; nothing was changed. Reload the page and try again.");
            }
            return action.apply(viewer);
        } catch (RuntimeException e) {
            return failure(e, viewer, context);
        }
    }

    Viewer viewer(RoutingContext context) {
        Cookie cookie = context.request().getCookie(UiSessions.COOKIE);
        Viewer viewer = sessions.find(cookie == null ? null : cookie.getValue()).orElseThrow(UiException::signIn);
        // CurrentKey, TenantResolver and RepAccess read the key from here, as for a Bearer key.
        context.put(ApiKey.ATTRIBUTE, viewer.key());
        return viewer;
    }

    static Response ok(TemplateInstance page) {
        return Response.ok(page.render(), HTML).build();
    }

    static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }

    Response failure(RuntimeException e, Viewer viewer, RoutingContext context) {
        int status;
        String title;
        String message;
        if (e instanceof UiException ui) {
            if (ui.location() != null) {
                return seeOther(ui.location());
            }
            status = ui.status();
            title = ui.title();
            message = ui.getMessage();
        } else if (e instanceof ApiException api) {
            status = api.status();
            title = api.title();
            message = api.errors().isEmpty() ? api.getMessage() : api.errors().stream()
                    .map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")) + ".";
        } else {
            LOG.errorf(e, "Unexpected failure of page %s %s", context.request().method(), context.request().path());
            status = 500;
            title = "Something went wrong";
            message = "The page could not be made; the failure has been logged. Try again later.";
        }
        return error(status, title, message, viewer);
    }

    static Response error(int status, String title, String message, Viewer viewer) {
        Chrome chrome = viewer == null ? Chrome.anonymous(title) : Chrome.of(title, viewer);
        return Response.status(status).type(HTML).entity(Views.error(chrome, status, message).render()).build();
    }
}
