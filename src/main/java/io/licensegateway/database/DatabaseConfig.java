package io.licensegateway.database;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code gateway.database.*}: how the gateway's connection pools behave when the database is slow or away. */
@ConfigMapping(prefix = "gateway.database")
public interface DatabaseConfig {

    /**
     * How long a request waits for a pool connection before it is answered 503: with the database away, or with
     * more concurrent queries than the pool serves, callers hear it quickly instead of queueing for ever.
     */
    @WithDefault("2s")
    Duration acquireTimeout();

    /**
     * PostgreSQL's {@code statement_timeout} on the API's connections: a reading statement (history, changes,
     * usage, runs, audit, {@code asOf}) that runs longer is cancelled and answered 503, so no request can hold a
     * connection and a backend for long. The pool that stores refresh results has none.
     */
    @WithDefault("30s")
    Duration statementTimeout();

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
