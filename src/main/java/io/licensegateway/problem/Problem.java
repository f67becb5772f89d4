package io.licensegateway.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

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
}
