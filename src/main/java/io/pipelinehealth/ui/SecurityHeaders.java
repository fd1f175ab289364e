package io.pipelinehealth.ui;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The browser-facing headers of every /ui response, pages, errors, redirects and static files
 * alike: scripts and styles only from this service (no inline script or style, so injected markup
 * cannot run), no framing, no sniffing, no referrer leaving the site, and no caching of pages that
 * show a tenant's deals.
 */
@ApplicationScoped
class SecurityHeaders {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route("/ui*").order(-5).handler(context -> {
            context.addHeadersEndHandler(ignored -> {
                MultiMap headers = context.response().headers();
                headers.set("Content-Security-Policy", CSP);
                headers.set("X-Content-Type-Options", "nosniff");
                headers.set("Referrer-Policy", "same-origin");
                headers.set("X-Frame-Options", "DENY");
                headers.set("Cross-Origin-Opener-Policy", "same-origin");
                if (!context.request().path().startsWith("/ui/static/")) {
                    headers.set("Cache-Control", "no-store");
                }
            });
            context.next();
        });
    }
}
