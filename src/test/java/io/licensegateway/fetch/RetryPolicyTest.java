package io.licensegateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.UpstreamException;

class RetryPolicyTest {

    private static final Duration FAR = Duration.ofMinutes(5);

    private record Retry(int maxRetries, Duration initialDelay, Duration maxDelay, double jitter)
            implements FetchConfig.Retry {
    }

    private static FetchConfig.Retry config(double jitter) {
        return new Retry(3, Duration.ofMillis(500), Duration.ofSeconds(2), jitter);
    }

    private static UpstreamException failure(ErrorKind kind) {
        return new UpstreamException(kind, "x");
    }

    @Test
    void backsOffExponentiallyUpToTheCap() {
        RetryPolicy policy = new RetryPolicy(config(0), () -> 0.5);

        assertThat(policy.delayBefore(1, failure(ErrorKind.SERVER_ERROR), FAR)).contains(Duration.ofMillis(500));
        assertThat(policy.delayBefore(2, failure(ErrorKind.TIMEOUT), FAR)).contains(Duration.ofMillis(1000));
        assertThat(policy.delayBefore(3, failure(ErrorKind.CONNECT), FAR)).contains(Duration.ofMillis(2000));
    }

    @Test
    void stopsAfterMaxRetries() {
        RetryPolicy policy = new RetryPolicy(config(0), () -> 0.5);

        assertThat(policy.delayBefore(4, failure(ErrorKind.SERVER_ERROR), FAR)).isEmpty();
    }

    @Test
    void spreadsDelaysByTheJitter() {
        assertThat(new RetryPolicy(config(0.5), () -> 0.0).delayBefore(1, failure(ErrorKind.SERVER_ERROR), FAR))
                .contains(Duration.ofMillis(250));
        assertThat(new RetryPolicy(config(0.5), () -> 1.0).delayBefore(1, failure(ErrorKind.SERVER_ERROR), FAR))
                .contains(Duration.ofMillis(750));
    }

    @Test
    void waitsAtLeastRetryAfter() {
        UpstreamException throttled = new UpstreamException(ErrorKind.THROTTLED, "429", Optional.of(Duration.ofSeconds(7)));

        assertThat(new RetryPolicy(config(0), () -> 0.5).delayBefore(1, throttled, FAR)).contains(Duration.ofSeconds(7));
    }

    @Test
    void neverWaitsPastTheDeadline() {
        UpstreamException throttled = new UpstreamException(ErrorKind.THROTTLED, "429", Optional.of(Duration.ofSeconds(7)));

        assertThat(new RetryPolicy(config(0), () -> 0.5).delayBefore(1, throttled, Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aHugeRetryAfterIsClampedAndGivesUpInsteadOfOverflowing() {
        UpstreamException forever = new UpstreamException(ErrorKind.THROTTLED, "429",
                Optional.of(Duration.ofSeconds(Long.MAX_VALUE)));

        assertThat(forever.retryAfter()).contains(UpstreamException.MAX_RETRY_AFTER);
        assertThat(new RetryPolicy(config(0), () -> 0.5).delayBefore(1, forever, FAR)).isEmpty();
        assertThat(UpstreamException.retryAfterSeconds("99999999999999999999")).contains(UpstreamException.MAX_RETRY_AFTER);
        assertThat(UpstreamException.retryAfterSeconds(String.valueOf(Long.MAX_VALUE)))
                .contains(UpstreamException.MAX_RETRY_AFTER);
        assertThat(UpstreamException.retryAfterSeconds(" 120 ")).contains(Duration.ofSeconds(120));
        assertThat(UpstreamException.retryAfterSeconds("-5")).isEmpty();
        assertThat(UpstreamException.retryAfterSeconds("999999999999999999999999")).contains(UpstreamException.MAX_RETRY_AFTER);
    }

    @Test
    void neverRetriesFinalFailures() {
        RetryPolicy policy = new RetryPolicy(config(0), () -> 0.5);
        for (ErrorKind kind : new ErrorKind[] { ErrorKind.AUTH, ErrorKind.FORBIDDEN, ErrorKind.NOT_FOUND,
                ErrorKind.CLIENT_ERROR, ErrorKind.BAD_RESPONSE, ErrorKind.TLS, ErrorKind.CIRCUIT_OPEN }) {
            assertThat(policy.delayBefore(1, failure(kind), FAR)).as(kind.name()).isEmpty();
        }
    }
}
