package io.licensegateway.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.logging.Log;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error answer is {@code application/problem+json}; internal details never leave the server. A feature's own
 * exceptions are mapped in that feature; failures without a type of their own are offered to the features'
 * {@link FailureAnswers}.
 */
class ProblemMappers {

    private final Instance<FailureAnswers> features;

    ProblemMappers(Instance<FailureAnswers> features) {
        this.features = features;
    }

    @ServerExceptionMapper
    Response problem(ProblemException e, UriInfo uri) {
        return answer(new Problem(type(e.title()), e.title(), e.status(), e.getMessage(), path(uri), e.errors()));
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
        Optional<Response> known = features.stream().flatMap(f -> f.answer(e, path(uri)).stream()).findFirst();
        if (known.isPresent()) {
            return known.get();
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
