package io.licensegateway.web;

import java.util.Optional;

import jakarta.ws.rs.core.Response;

/**
 * A feature's answer to failures it recognises by more than their type (a database that is away shows up as many
 * exception types, often wrapped), asked before an unexpected failure becomes a 500.
 */
public interface FailureAnswers {

    /** The answer to {@code failure} of the request for {@code path}; empty when it is not one of this feature's. */
    Optional<Response> answer(Throwable failure, String path);
}
