package io.pipelinehealth.identity;

import io.pipelinehealth.common.Problem;
import io.pipelinehealth.db.DatabaseUnavailable;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Authentication and authorization failures as problem+json (401 with {@code WWW-Authenticate: Bearer}). */
public class SecurityProblems {

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, HttpServerRequest request) {
        // the key could not be looked up: the database is out, the key may well be valid
        if (DatabaseUnavailable.causedBy(e)) {
            return Problem.databaseUnavailable(request.path());
        }
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, HttpServerRequest request) {
        return unauthorized(request);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, HttpServerRequest request) {
        return new Problem(Problem.type("forbidden"), "Forbidden", 403,
                "This key has no role that allows " + request.method() + " " + request.path() + ".", request.path(),
                null).toResponse();
    }

    static Response unauthorized(HttpServerRequest request) {
        if (request.path().startsWith(ApiKeyMechanism.ODATA_PREFIX)) {
            // issue 22: BI tools send Basic credentials only after a Basic challenge
            Response problem = new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                    "Send HTTP Basic with any user name and a valid API key as the password.", request.path(), null)
                    .toResponse();
            return Response.fromResponse(problem).header("WWW-Authenticate", "Basic realm=\"pipeline-health\"").build();
        }
        Response problem = new Problem(Problem.type("unauthorized"), "Unauthorized", 401,
                "Send a valid API key: Authorization: Bearer <key>. It is missing, unknown, revoked or expired.",
                request.path(), null).toResponse();
        return Response.fromResponse(problem).header("WWW-Authenticate", "Bearer").build();
    }
}
