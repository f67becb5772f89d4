package io.licensegateway.security;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.licensegateway.web.Problem;

/**
 * Per-key request rates ({@code gateway.security.api-keys.<name>.requests-per-second} and {@code .burst}): a token
 * bucket per key and replica. A key past its rate is answered 429 with the wait in {@code Retry-After}; keys without a
 * rate, and other callers, are not limited. Kept in memory: it protects a replica from one consumer's loop, so with N
 * replicas a key may send N times its rate in all.
 */
@ApplicationScoped
public class KeyRateLimits {

    static final String TITLE = "Rate limit exceeded";

    private final Map<String, Bucket> buckets = new HashMap<>();

    KeyRateLimits(SecurityConfig config) {
        config.apiKeys().forEach((name, key) -> key.requestsPerSecond().ifPresent(rate -> buckets.put(
                Principals.API_KEY + name,
                new Bucket(rate, key.burst().orElse((int) Math.max(1, Math.ceil(rate)))))));
    }

    @ServerRequestFilter
    Optional<Response> limit(ContainerRequestContext request) {
        var principal = request.getSecurityContext().getUserPrincipal();
        Bucket bucket = principal == null ? null : buckets.get(principal.getName());
        if (bucket == null) {
            return Optional.empty();
        }
        return bucket.take(System.nanoTime()).map(wait -> Response.fromResponse(Problem.answer(new Problem(
                Problem.type(TITLE), TITLE, 429, "This API key sends more requests than its configured rate; retry after "
                        + "the delay in Retry-After", request.getUriInfo().getPath(), null)))
                .header("Retry-After", Problem.retryAfterSeconds(wait)).build());
    }

    /** A token bucket: {@code rate} tokens a second, at most {@code size} saved up. */
    static final class Bucket {

        private final double rate;
        private final int size;
        private double tokens;
        private long refilledAt;

        Bucket(double rate, int size) {
            this.rate = rate;
            this.size = size;
            this.tokens = size;
            this.refilledAt = System.nanoTime();
        }

        /** Takes a token at {@code now} (nanoTime); empty if one was there, else how long until one is. */
        synchronized Optional<Duration> take(long now) {
            tokens = Math.min(size, tokens + (now - refilledAt) / 1e9 * rate);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / rate * 1e9)));
        }
    }
}
