package io.licensegateway.web;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem details body; {@code errors} names the parameters that were wrong, {@code runId} the refresh
 * run a 409 is about. Registered for reflection:
 * it only travels as a {@code Response} entity, which Quarkus cannot see when it builds the native executable.
 */
@RegisterForReflection(targets = { Problem.class, Problem.FieldError.class })
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
        Long runId) {

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {
        this(type, title, status, detail, instance, errors, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";

    /** What a 401 asks the caller for, whichever layer answers it. */
    public static final String BEARER_CHALLENGE = "Bearer realm=\"license-gateway\"";

    public record FieldError(String parameter, String message) {
    }

    /** A stable identifier per kind of problem, e.g. {@code urn:license-gateway:problem:bad-parameter}. */
    public static String type(String title) {
        return "urn:license-gateway:problem:" + title.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    public static Response answer(Problem problem) {
        return Response.status(problem.status()).type(MEDIA_TYPE).entity(problem).build();
    }

    /** No or wrong credentials: the same answer whichever layer refused them. */
    public static Response unauthorized(String path) {
        return Response.fromResponse(answer(new Problem(type("Unauthorized"), "Unauthorized", 401,
                "Send an API key as 'Authorization: Bearer <key>' or 'X-API-Key: <key>', or a token from POST /token",
                path, null))).header("WWW-Authenticate", BEARER_CHALLENGE).build();
    }

    /** 429 for a client address or account locked after too many failed authentications. */
    public static Response tooManyFailures(String path, Duration retryAfter) {
        return Response.fromResponse(answer(new Problem(type(TOO_MANY_FAILURES), TOO_MANY_FAILURES, 429,
                "Too many failed authentications from this address or for this account; retry after the delay in Retry-After",
                path, null))).header("Retry-After", retryAfterSeconds(retryAfter)).build();
    }

    public static final String TOO_MANY_FAILURES = "Too many failed authentications";

    /** Whole seconds, rounded up, at least 1 (RFC 9110 delay-seconds). */
    public static long retryAfterSeconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
