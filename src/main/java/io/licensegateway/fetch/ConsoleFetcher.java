package io.licensegateway.fetch;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.licensegateway.console.Console;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.Failures;
import io.licensegateway.upstream.Fetched;
import io.licensegateway.upstream.PageDigests;
import io.licensegateway.upstream.UpstreamClient;
import io.licensegateway.upstream.UpstreamException;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;

/**
 * Fetches one console under its own guards: a circuit breaker of its own (so a dead console is skipped fast
 * without affecting the others), retries with backoff for retryable failures, and an overall deadline.
 * Never fails: the outcome, good or bad, is a {@link FetchResult}.
 */
final class ConsoleFetcher {

    private final Console console;
    private final Duration timeout;
    private final UpstreamClient client;
    private final RetryPolicy retryPolicy;
    private final TypedGuard<Uni<Fetched>> breaker;

    /** {@code timeout}: the overall deadline of one fetch, retries included. */
    ConsoleFetcher(Console console, Duration timeout, UpstreamClient client, RetryPolicy retryPolicy,
            FetchConfig.CircuitBreaker config) {
        this.console = console;
        this.timeout = timeout;
        this.client = client;
        this.retryPolicy = retryPolicy;
        this.breaker = TypedGuard.create(new TypeLiteral<Uni<Fetched>>() {
        })
                .withDescription(breakerName(console.name()))
                .withCircuitBreaker()
                .name(breakerName(console.name()))
                .requestVolumeThreshold(config.requestVolumeThreshold())
                .failureRatio(config.failureRatio())
                .delay(config.delay().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .done()
                .build();
    }

    static String breakerName(String console) {
        return "console-" + console;
    }

    static CircuitBreakerState breakerState(String console) {
        return CircuitBreakerMaintenance.get().currentState(breakerName(console));
    }

    Console console() {
        return console;
    }

    Duration timeout() {
        return timeout;
    }

    /** {@code previous}: the pages read for the console's current snapshot. */
    Uni<FetchResult> fetch(PageDigests previous) {
        Instant started = Instant.now();
        Instant deadline = started.plus(timeout);
        AtomicInteger attempts = new AtomicInteger();
        return withRetries(previous, attempts, deadline)
                .map(fetched -> new FetchResult(console.name(), fetched, null, attempts.get(), started, since(started)))
                .onFailure().recoverWithItem(failure -> new FetchResult(console.name(), null,
                        Failures.classify(failure), attempts.get(), started, since(started)));
    }

    private Uni<Fetched> withRetries(PageDigests previous, AtomicInteger attempts, Instant deadline) {
        return Uni.createFrom().deferred(() -> {
            attempts.incrementAndGet();
            Duration remaining = Duration.between(Instant.now(), deadline);
            if (remaining.isNegative() || remaining.isZero()) {
                return Uni.createFrom().failure(deadlinePassed(attempts.get() - 1));
            }
            // The deadline sits inside the guard: when it fires, the attempt itself is cancelled (no request
            // lingers after it) and the breaker sees a failure, not an attempt that never ends.
            return breaker.get(() -> client.fetchLicenses(previous).ifNoItem().after(remaining)
                    .failWith(() -> deadlinePassed(attempts.get())));
        }).onFailure().recoverWithUni(failure -> {
            UpstreamException classified = Failures.classify(failure);
            return retryPolicy.delayBefore(attempts.get(), classified, Duration.between(Instant.now(), deadline))
                    .map(wait -> Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                            .flatMap(ignored -> withRetries(previous, attempts, deadline)))
                    .orElseGet(() -> Uni.createFrom().failure(classified));
        });
    }

    private UpstreamException deadlinePassed(int attempts) {
        return new UpstreamException(ErrorKind.DEADLINE,
                "no complete answer within " + timeout.toMillis() + " ms (" + attempts + " attempts)");
    }

    private static Duration since(Instant started) {
        return Duration.between(started, Instant.now());
    }
}
