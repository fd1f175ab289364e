package io.pipelinehealth.common;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;
import java.util.Set;

/**
 * A body must say what it is: a request with a body and no Content-Type, or one that does not
 * parse as a media type ({@code %%%garbage}), is a 415 naming the types the endpoint accepts.
 * Without this, Quarkus REST picks a method for a missing type (the CSV reader of transitions)
 * and fails with a 500 on an unparsable one. Every body is read as strict UTF-8, so another
 * charset is refused the same way rather than read as something the client did not send; only
 * US-ASCII and ISO-8859-1 pass, because HTTP libraries add them to text types by default (a body
 * so labelled must still be UTF-8: anything else is a 400 naming the line). Runs as a Vert.x
 * route before the body is read.
 */
@ApplicationScoped
public class ContentTypeGuard {

    private static final Set<String> READ_AS_UTF8 = Set.of("utf-8", "utf8", "us-ascii", "iso-8859-1");

    void install(@Observes Router router) {
        router.route().order(-4).handler(context -> {
            HttpServerRequest request = context.request();
            String type = request.getHeader("Content-Type");
            if ((type == null && !BodyLimit.hasBody(request)) || (type != null && parses(type))) {
                context.next();
                return;
            }
            Set<String> accepted = Routes.consumes(request.method().name(), request.path());
            if (accepted.isEmpty()) {
                context.next();
                return;
            }
            // Refused before its body is read: close rather than let the client stream it to us.
            BodyLimit.sendAndClose(context, new Problem(Problem.type("unsupported-media-type"),
                    "Unsupported media type", 415, detail(type, accepted), request.path(), null));
        });
    }

    public static String detail(String type, Set<String> accepted) {
        String sent = type == null ? "A body without Content-Type" : "Content-Type '" + (type.length() > 100 ? type.substring(0, 100) + "…" : type) + "'";
        String charset = type != null && type.toLowerCase(Locale.ROOT).contains("charset")
                ? " Bodies are read as UTF-8: send charset=utf-8 or none." : "";
        return sent + " is not accepted here; send " + String.join(" or ", accepted) + "." + charset;
    }

    private static boolean parses(String type) {
        try {
            MediaType parsed = MediaType.valueOf(type);
            String charset = parsed.getParameters().get(MediaType.CHARSET_PARAMETER);
            return !parsed.getType().isBlank() && !parsed.getSubtype().isBlank()
                    && parsed.getType().matches("[\\w.+-]+|\\*") && parsed.getSubtype().matches("[\\w.+-]+|\\*")
                    && (charset == null || READ_AS_UTF8.contains(charset.toLowerCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
