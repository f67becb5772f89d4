package io.licensegateway.fetch;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

import io.licensegateway.upstream.UpstreamException;

/**
 * When to try a console again: only for retryable failures, at most {@code maxRetries} times, after an
 * exponential backoff with jitter — or after the console's {@code Retry-After} if that is longer — and never
 * when the wait would run past the console's deadline.
 */
final class RetryPolicy {

    private final FetchConfig.Retry config;
    private final DoubleSupplier random;

    RetryPolicy(FetchConfig.Retry config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
    }

    /** The wait before attempt {@code attemptsSoFar + 1}, or empty when the failure is final. */
    Optional<Duration> delayBefore(int attemptsSoFar, UpstreamException failure, Duration untilDeadline) {
        if (!failure.kind().retryable() || attemptsSoFar > config.maxRetries()) {
            return Optional.empty();
        }
        long base = config.initialDelay().toMillis() << Math.min(attemptsSoFar - 1, 20);
        long capped = Math.min(base, config.maxDelay().toMillis());
        long jittered = Math.round(capped * (1 + config.jitter() * (2 * random.getAsDouble() - 1)));
        Duration wait = Duration.ofMillis(Math.max(jittered, failure.retryAfter().orElse(Duration.ZERO).toMillis()));
        return wait.compareTo(untilDeadline) < 0 ? Optional.of(wait) : Optional.empty();
    }
}
