package io.licensegateway.problem;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import io.licensegateway.database.DatabaseFailures;
import io.licensegateway.fetch.RefreshInProgressException;
import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error answer is {@code application/problem+json}; internal details never leave the server. */
class ProblemMappers {

    /** Long enough for a database restart or a failover to finish, short enough not to feel stuck. */
    private static final int RETRY_AFTER_SECONDS = 5;
    private static final int BUSY_RETRY_AFTER_SECONDS = 1;

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        return answer(new Problem(type(e.title()), e.title(), e.status(), e.getMessage(), path(uri), e.errors()));
    }

    /** Names the running run and where to watch it, so a caller can wait for it instead of retrying blind. */
    @ServerExceptionMapper
    Response refreshRunning(RefreshInProgressException e, UriInfo uri) {
        Response answer = answer(new Problem(type("Refresh in progress"), "Refresh in progress", 409, e.getMessage(),
                path(uri), null, e.runId()));
        return e.runId() == null ? answer
                : Response.fromResponse(answer).location(URI.create("/api/v1/runs/" + e.runId())).build();
    }

    /** No credentials at all; wrong ones are answered by {@code security.AuthenticationFailures}, which counts them. */
    @ServerExceptionMapper
    Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Problem.unauthorized(path(uri));
    }

    @ServerExceptionMapper
    Response forbidden(ForbiddenException e, UriInfo uri) {
        return answer(new Problem(type("Forbidden"), "Forbidden", 403,
                "Your credentials do not allow this; it needs the admin role", path(uri), null));
    }

    @ServerExceptionMapper
    Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList();
        return answer(new Problem(type("Bad parameter"), "Bad parameter", 400,
                errors.stream().map(f -> f.parameter() + ": " + f.message()).reduce((a, b) -> a + "; " + b).orElse(""),
                path(uri), errors));
    }

    @ServerExceptionMapper
    Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        Response.Status.Family family = Response.Status.Family.familyOf(status);
        if (family != Response.Status.Family.CLIENT_ERROR && family != Response.Status.Family.SERVER_ERROR) {
            return e.getResponse();
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return answer(new Problem(type(reason), reason, status, detail(status, reason), path(uri), null));
    }

    @ServerExceptionMapper
    Response unexpected(Throwable e, UriInfo uri) {
        if (DatabaseFailures.saturated(e)) {
            // a flood is answered, not logged request by request: the HTTP metrics count these 503s
            Log.debugf("No database connection free for %s: %s", path(uri), DatabaseFailures.describe(e));
            return Response.fromResponse(answer(new Problem(type("Overloaded"), "Overloaded", 503,
                    "More queries are running than the gateway serves at once (or its database is slow to answer); "
                            + "retry after the delay in Retry-After", path(uri), null)))
                    .header("Retry-After", BUSY_RETRY_AFTER_SECONDS).build();
        }
        if (DatabaseFailures.unavailable(e)) {
            Log.warnf("Database unavailable for %s: %s", path(uri), DatabaseFailures.describe(e));
            return Response.fromResponse(answer(new Problem(type("Database unavailable"), "Database unavailable", 503,
                    "The gateway cannot reach its database right now; retry after the delay in Retry-After",
                    path(uri), null))).header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        String incident = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure, incident %s", incident);
        return answer(new Problem(type("Internal error"), "Internal error", 500,
                "The gateway failed unexpectedly; the incident id is " + incident, path(uri), null));
    }

    private static String detail(int status, String reason) {
        return switch (status) {
            case 404 -> "There is no resource at this path; see /q/openapi for the API";
            case 405 -> "This method is not allowed on this path";
            case 406 -> "The requested media type is not available here";
            case 415 -> "The request body's media type is not accepted here";
            default -> reason;
        };
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static String type(String title) {
        return Problem.type(title);
    }

    private static Response answer(Problem problem) {
        return Problem.answer(problem);
    }
}
