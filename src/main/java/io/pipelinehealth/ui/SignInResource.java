package io.pipelinehealth.ui;

import io.pipelinehealth.identity.ApiKey;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
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

    /** The sign-in cookie is sent to the sign-in form only. */
    private static final String LOGIN = "/ui/login";

    @Inject UiSessions sessions;
    @Inject UiRequests requests;

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public Response form(@Context RoutingContext context) {
        return form(200, null, context);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response signIn(@FormParam("key") String key, @FormParam("csrf") String csrf,
            @Context RoutingContext context) {
        Cookie form = context.request().getCookie(SignInToken.COOKIE);
        if (!SignInToken.matches(form == null ? null : form.getValue(), csrf)) {
            // checked before the key, so a forged post learns nothing about it either
            return form(403, "The sign-in form was missing its security token or had expired; the key was not "
                    + "checked. Sign in again with this form.", context);
        }
        Optional<ApiKey> verified = sessions.verify(key);
        if (verified.isEmpty()) {
            return form(401, "That key is unknown, revoked or expired. Check it and try again.", context);
        }
        if (!Viewer.maySignIn(verified.get())) {
            return form(403, "This key has no role that can see pages; sign in with a key with role admin, read "
                    + "or rep.", context);
        }
        String cookie = sessions.start(verified.get());
        String home = new Viewer(verified.get(), null).home();
        return Response.seeOther(java.net.URI.create(home))
                .header("Set-Cookie", cookie(UiSessions.COOKIE, cookie, "/ui", sessions.maxAgeSeconds(), context))
                .header("Set-Cookie", cookie(SignInToken.COOKIE, "", LOGIN, 0, context)).build();
    }

    /** The sign-in form with a fresh CSRF cookie and token; every answer that shows the form sets a new pair. */
    private static Response form(int status, String error, RoutingContext context) {
        String nonce = SignInToken.nonce();
        return Response.status(status).type(UiRequests.HTML)
                .entity(Views.login(error, SignInToken.token(nonce)).render())
                .header("Set-Cookie", cookie(SignInToken.COOKIE, nonce, LOGIN, SignInToken.MAX_AGE_SECONDS, context))
                .build();
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
                    .header("Set-Cookie", cookie(UiSessions.COOKIE, "", "/ui", 0, context)).build();
        });
    }

    @GET
    public Response root() {
        return UiRequests.seeOther("/ui/");
    }

    /** HttpOnly, SameSite=Strict; Secure when the request came over https (a proxy says so). */
    static String cookie(String name, String value, String path, long maxAge, RoutingContext context) {
        String proto = context.request().getHeader("X-Forwarded-Proto");
        boolean https = "https".equalsIgnoreCase(proto == null ? context.request().scheme() : proto.split(",")[0].strip());
        return name + "=" + value + "; Path=" + path + "; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }
}
