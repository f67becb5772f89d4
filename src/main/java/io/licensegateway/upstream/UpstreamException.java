package io.licensegateway.upstream;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to a console. The message is written by the gateway and never carries a secret, a token
 * or a response body, so it is safe to log, store and serve.
 */
public class UpstreamException extends RuntimeException {

    private final ErrorKind kind;
    private final transient Optional<Duration> retryAfter;

    public UpstreamException(ErrorKind kind, String message) {
        this(kind, message, Optional.empty());
    }

    public UpstreamException(ErrorKind kind, String message, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    public ErrorKind kind() {
        return kind;
    }

    /** What the console asked us to wait before trying again (429 {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
