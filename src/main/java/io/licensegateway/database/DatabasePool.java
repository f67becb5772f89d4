package io.licensegateway.database;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.core.Future;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import jakarta.inject.Singleton;

/**
 * The reactive pool Quarkus builds from {@code quarkus.datasource.*}, with bounds Quarkus does not expose: a
 * bounded wait for a connection and a bounded queue of waiters (so overload and an absent database become quick
 * 503s, {@link DatabaseFailures}), a connect deadline, and TCP keep-alive so a half-open connection is noticed. Beside
 * it, from the same connect options, a small pool of its own for storing refresh results ({@link WritePool}). The
 * API's connections carry a {@code statement_timeout}; the refresh writes' do not.
 */
@Singleton
class DatabasePool implements PgPoolCreator {

    private final DatabaseConfig config;
    private volatile Pool writes;
    private volatile List<PgConnectOptions> servers;

    DatabasePool(DatabaseConfig config) {
        this.config = config;
    }

    @Override
    public Pool create(Input input) {
        PoolOptions pool = new PoolOptions(input.poolOptions())
                .setConnectionTimeout((int) config.acquireTimeout().toMillis())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setMaxWaitQueueSize(config.maxWaiting());
        List<PgConnectOptions> servers = input.pgConnectOptionsList();
        this.servers = servers;
        for (PgConnectOptions options : servers) {
            options.setConnectTimeout((int) config.connectTimeout().toMillis()).setTcpKeepAlive(true);
        }
        // refresh results wait for one of their own connections as long as it takes: a run's consoles queue
        // here, however many, and the API's pool stays free
        writes = build(input, servers, new PoolOptions().setMaxSize(config.writeConnections())
                .setConnectionTimeout(0).setName("license-gateway-writes"));
        List<PgConnectOptions> reads = servers.stream().map(options -> new PgConnectOptions(options)
                .addProperty("statement_timeout", String.valueOf(config.statementTimeout().toMillis()))).toList();
        return build(input, reads, pool);
    }

    /** The pool refresh results are written through (built with the API's pool, from the same connect options). */
    Pool writes() {
        return writes;
    }

    /** The connect options of the pools (for connections of their own, such as the commit listener's). */
    List<PgConnectOptions> servers() {
        return servers;
    }

    /** Several servers (a URL with several hosts) are used in turn, as Quarkus's own pool does. */
    private static Pool build(Input input, List<PgConnectOptions> servers, PoolOptions options) {
        AtomicInteger next = new AtomicInteger();
        return PgBuilder.pool().with(options)
                .connectingTo(() -> Future.succeededFuture(servers.get(Math.floorMod(next.getAndIncrement(), servers.size()))))
                .using(input.vertx()).build();
    }
}
