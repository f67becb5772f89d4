package io.licensegateway.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** Everything under {@code gateway.*}. Quarkus validates it at start-up and names the offending key. */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The consoles to aggregate, keyed by their name (used in the API and in metrics). */
    Map<String, ConsoleConfig> consoles();

    Refresh refresh();

    Fetch fetch();

    Snapshots snapshots();

    History history();

    Runs runs();

    Query query();

    Database database();

    interface ConsoleConfig {
        /** Base URL of the console, e.g. {@code https://vac.example.com:1281}; no user info, no query. */
        @Pattern(regexp = "https?://[^@/?#\\s]+(/[^?#\\s]*)?", message = "must be an http(s) URL without user info, query or fragment")
        String url();

        /** {@code v2} = VAC REST v2, {@code v3} = VSPC REST v3. */
        @WithDefault("v2")
        ApiFlavour api();

        Optional<String> username();

        Optional<String> password();

        /** VSPC v3 only: a REST API key, sent as bearer instead of a password grant. */
        Optional<String> apiKey();

        @WithDefault("true")
        boolean enabled();

        /** Overall deadline for one fetch of this console; defaults to {@code gateway.fetch.timeout}. */
        Optional<Duration> timeout();

        Tls tls();
    }

    interface Tls {
        /** PEM file with the CA certificate(s) that signed the console's certificate. */
        Optional<Path> caCert();

        /**
         * SHA-256 (hex) of the console's certificate or of its public key (SubjectPublicKeyInfo); when set, the
         * certificate must also match one of them, on top of the usual chain and hostname checks.
         */
        Optional<List<@Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits (a SHA-256)") String>> pins();

        /** Development only: accept any certificate. Logged as a warning. */
        @WithDefault("false")
        boolean trustAll();
    }

    interface Refresh {
        /** Time between scheduled refreshes; the first runs at start-up. */
        @WithDefault("15m")
        Duration interval();

        /** Whether this instance schedules refreshes at all (manual refresh always works). */
        @WithDefault("true")
        boolean scheduled();
    }

    interface Fetch {
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
    }

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

    interface Runs {
        /** How long run history ({@code /api/v1/runs}) is kept. */
        @WithDefault("30d")
        Duration keep();
    }

    interface Database {
        /**
         * How long a request waits for a pool connection before it is answered 503: with the database away, or with
         * more concurrent queries than the pool serves, callers hear it quickly instead of queueing for ever.
         */
        @WithDefault("2s")
        Duration acquireTimeout();

        /** Requests that may wait for a connection at once; more are refused at once (503). */
        @WithDefault("256")
        @Min(1)
        int maxWaiting();

        /**
         * Connections of the separate pool that stores refresh results: at most this many console results are written
         * at once, and they never compete with the API's queries for connections (nor time out waiting for them). One by
         * default: a refresh is bound by PostgreSQL's CPU either way, and one writing backend leaves the rest of the
         * database's cores to the API (BENCHMARKS.md, "Refresh v2"); raise it when PostgreSQL has cores to spare.
         */
        @WithDefault("1")
        @Min(1)
        @Max(64)
        int writeConnections();

        /** Deadline of opening a connection (a database host that does not answer at all). */
        @WithDefault("3s")
        Duration connectTimeout();
    }

    interface Query {
        /**
         * {@code offset + limit} of {@code /api/v1/licenses} may not exceed this; deeper pages use the cursor, whose
         * cost does not grow with depth (Elasticsearch's {@code max_result_window}).
         */
        @WithDefault("10000")
        @Min(1)
        int maxResultWindow();

        /**
         * {@code meta.total} is exact up to this many matches; beyond it counting stops and
         * {@code meta.totalRelation} is {@code gte} (Elasticsearch's {@code track_total_hits}). At 1,000 a count costs
         * about what a page does (BENCHMARKS.md); counting 10,000 matches took 10–150 ms.
         */
        @WithDefault("1000")
        @Min(1)
        int trackTotalHits();
    }

    interface Snapshots {
        /**
         * Optionally also caps the kept history by count: at most this many snapshots per console (the current one
         * included). Unset by default: {@link History#retention()} alone decides.
         */
        Optional<@Min(1) Integer> keep();
    }

    interface History {
        /**
         * How far back {@code asOf}, cursors, license history and the change feed reach. Versions that ended before
         * {@code now - retention} are pruned after each refresh run; the version valid at that edge is kept.
         */
        @WithDefault("400d")
        Duration retention();

        /** Rows deleted per pruning statement (each its own short transaction). */
        @WithDefault("5000")
        @Min(1)
        int pruneBatch();

        /** Batches one pruning pass may delete; whatever is left goes in the next pass. */
        @WithDefault("100")
        @Min(1)
        int pruneBatchesPerPass();
    }
}
