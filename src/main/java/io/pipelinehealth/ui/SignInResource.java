package io.pipelinehealth.ui;

import io.pipelinehealth.identity.ApiKey;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/**
 * Signing in to the pages with an API key, and out. Open to the security layer ({@code @PermitAll}):
 * the pages check their session themselves (UiRequests), because a browser sends a cookie, not a
 * Bearer key. Pages are not part of the API contract, so they stay out of the OpenAPI document.
 */
@PermitAll
@Path("/ui")
public class SignInResource {

    private final UiSessions sessions;
    private final UiRequests requests;

    SignInResource(UiSessions sessions, UiRequests requests) {
        this.sessions = sessions;
        this.requests = requests;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response form() {
        return UiRequests.ok(Views.login(null, null));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("key") String key, @Context RoutingContext context) {
        Optional<ApiKey> verified = sessions.verify(key);
        if (verified.isEmpty()) {
            return Response.status(401).type(UiRequests.HTML)
                    .entity(Views.login("That key is unknown, revoked or expired. Check it and try again.", null)
                            .render()).build();
        }
        if (!Viewer.maySignIn(verified.get())) {
            return Response.status(403).type(UiRequests.HTML).entity(Views.login("This key has no role that can "
                    + "see pages; sign in with a key with role admin, read or rep.", null).render()).build();
        }
        String cookie = sessions.start(verified.get());
        String home = new Viewer(verified.get(), null).home();
        return Response.seeOther(java.net.URI.create(home))
                .header("Set-Cookie", cookie(cookie, sessions.maxAgeSeconds(), context)).build();
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signOut(@FormParam("csrf") String csrf, @Context RoutingContext context) {
        return requests.post(context, csrf, viewer -> {
            Cookie cookie = context.request().getCookie(UiSessions.COOKIE);
            sessions.end(cookie.getValue());
            return Response.seeOther(java.net.URI.create("/ui/login"))
                    .header("Set-Cookie", cookie("", 0, context)).build();
        });
    }

    @GET
    public Response root() {
        return UiRequests.seeOther("/ui/");
    }

    /** HttpOnly, SameSite=Strict, Path=/ui; Secure when the request came over https (a proxy says so). */
    static String cookie(String value, long maxAge, RoutingContext context) {
        String proto = context.request().getHeader("X-Forwarded-Proto");
        boolean https = "https".equalsIgnoreCase(proto == null ? context.request().scheme() : proto.split(",")[0].strip());
        return UiSessions.COOKIE + "=" + value + "; Path=/ui; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }
}
