package io.licensegateway.upstream;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed call to a console. The message is written by the gateway and never carries a secret, a token
 * or a response body, so it is safe to log, store and serve.
 */
public class UpstreamException extends RuntimeException {

    /** A console's wait beyond this is taken as this: it is past any fetch deadline, and safe to compute with. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final ErrorKind kind;
    private final transient Optional<Duration> retryAfter;

    public UpstreamException(ErrorKind kind, String message) {
        this(kind, message, Optional.empty());
    }

    public UpstreamException(ErrorKind kind, String message, Optional<Duration> retryAfter) {
        super(message, null, false, false);
        this.kind = kind;
        this.retryAfter = retryAfter.map(wait -> wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait);
    }

    /** A wait given as decimal seconds ({@code Retry-After}, v3 {@code retryAfter}), clamped; empty if not digits. */
    public static Optional<Duration> retryAfterSeconds(String digits) {
        String seconds = digits == null ? "" : digits.strip();
        if (!seconds.matches("\\d+")) {
            return Optional.empty();
        }
        // more digits than a day's seconds can have are a day, never an overflow
        return Optional.of(seconds.length() > 6 ? MAX_RETRY_AFTER : Duration.ofSeconds(Long.parseLong(seconds)));
    }

    public ErrorKind kind() {
        return kind;
    }

    /** What the console asked us to wait before trying again (429 {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
