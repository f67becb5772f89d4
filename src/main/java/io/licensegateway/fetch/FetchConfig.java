package io.licensegateway.fetch;

import java.time.Duration;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** How consoles are fetched: {@code gateway.fetch.*}. */
@ConfigMapping(prefix = "gateway.fetch")
public interface FetchConfig {

    /** Overall deadline for one console's fetch, retries included. */
    @WithDefault("20s")
    Duration timeout();

    /** Deadline for a single HTTP request to a console. */
    @WithDefault("10s")
    Duration requestTimeout();

    /**
     * Consoles fetched at the same time. Default: every enabled console, so that a refresh takes as long as its
     * slowest console; what bounds memory is {@link #bufferedLicenses()}.
     */
    @Min(1)
    @Max(4096)
    OptionalInt maxConcurrency();

    /**
     * Licenses fetched consoles may hold in memory at once, until stored (about 2 KB each): a console waits for room
     * for as many as it had last time before its fetch starts. Default: one per 16 KB of maximum heap
     * ({@code LicenseBudget.forHeap}), about 8,000 with {@code -Xmx128m}.
     */
    @Min(1)
    OptionalInt bufferedLicenses();

    /** Threads that parse consoles' answers; default half the cores (at least one). */
    @Min(1)
    @Max(64)
    OptionalInt parseThreads();

    /** Page size when paging through a console's licenses: v2 {@code $top}, v3 {@code limit} (at most 500). */
    @WithDefault("500")
    @Min(1)
    @Max(10000)
    int pageSize();

    /**
     * Largest answer a console may send, in bytes (a page, a token, an error): a larger one fails the attempt as
     * soon as its {@code Content-Length} or its bytes so far exceed this, and is not read further. Default 64 MiB,
     * about 30,000 licenses on one page.
     */
    @WithDefault("67108864")
    @Min(1024)
    @Max(1073741824)
    int maxPageBytes();

    Retry retry();

    CircuitBreaker circuitBreaker();

    interface Retry {
        @WithDefault("3")
        @Min(0)
        @Max(20)
        int maxRetries();

        /** Delay before the first retry; doubles each time up to {@link #maxDelay()}. */
        @WithDefault("500ms")
        Duration initialDelay();

        @WithDefault("10s")
        Duration maxDelay();

        /** Random spread of each delay, as a fraction of it (0.5 = ±50%). */
        @WithDefault("0.5")
        @DecimalMin("0")
        @DecimalMax("1")
        double jitter();
    }

    interface CircuitBreaker {
        /** Attempts in the rolling window the breaker looks at. */
        @WithDefault("4")
        @Min(1)
        int requestVolumeThreshold();

        /** Share of failed attempts in the window that opens the breaker. */
        @WithDefault("0.5")
        @DecimalMin("0.01")
        @DecimalMax("1")
        double failureRatio();

        /** How long an open breaker stays open before it lets a probe through. */
        @WithDefault("60s")
        Duration delay();
    }
}
