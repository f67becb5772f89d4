package io.licensegateway.database;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Tells the readers of the store (the current view) of every commit that changed what they see, on any replica: writers send {@link #NOTIFY} inside their
 * transaction and PostgreSQL delivers it to every listening session once the transaction commits (never for a
 * rollback). LISTEN needs a session of its own, so this keeps one connection outside the pools (through a session
 * pooler, not PgBouncer's transaction mode). Notifications sent while it was disconnected are lost: after every
 * (re)connection the handlers run once, and readers also check on a timer.
 */
@Singleton
public class Commits {

    public static final String CHANNEL = "license_gateway_commits";
    /** Sent inside a writing transaction, {@code $1} the console (or what else) it changed. */
    public static final String NOTIFY = "select pg_notify('" + CHANNEL + "', $1)";

    private static final long RECONNECT_MILLIS = 1000;

    private final Vertx vertx;
    private final List<PgConnectOptions> servers;
    private final List<Supplier<CompletionStage<Void>>> handlers = new CopyOnWriteArrayList<>();
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    /** Asking for the API's pool first makes Quarkus build it, and with it the connect options. */
    Commits(Vertx vertx, Pool api, DatabasePool pools) {
        this.vertx = vertx;
        this.servers = pools.servers();
    }

    /**
     * Runs {@code handler} after every commit a replica announced, after every (re)connection, and when this replica
     * says it {@link #committed} something.
     */
    public synchronized void onCommit(Supplier<CompletionStage<Void>> handler) {
        handlers.add(handler);
        if (subscriber == null) {
            connect();
        }
    }

    private void connect() {
        PgSubscriber created = PgSubscriber.subscriber(vertx, new PgConnectOptions(servers.get(0)));
        created.reconnectPolicy(retries -> stopped ? -1L : RECONNECT_MILLIS);
        created.channel(CHANNEL).subscribeHandler(subscribed -> fire()).handler(payload -> fire());
        created.closeHandler(closed -> {
            if (!stopped) {
                Log.warn("Lost the connection that listens for commits; reconnecting");
            }
        });
        subscriber = created;
        created.connect().onFailure(error -> {
            if (!stopped) {
                Log.debugf("Could not listen for commits yet (%s); trying again", error.getMessage());
                vertx.setTimer(RECONNECT_MILLIS, id -> retry(created));
            }
        });
    }

    private synchronized void retry(PgSubscriber failed) {
        if (subscriber == failed && !stopped) {
            failed.close();
            connect();
        }
    }

    private void fire() {
        handlers.forEach(Supplier::get);
    }

    /**
     * This replica committed a change (and sent {@link #NOTIFY} for the others): completes once every reader took it
     * in, so the caller's next read sees it. A reader that fails does not fail the caller; it says so itself.
     */
    public Uni<Void> committed() {
        Uni<Void> all = Uni.createFrom().voidItem();
        for (Supplier<CompletionStage<Void>> handler : handlers) {
            all = all.call(() -> Uni.createFrom().completionStage(handler).onFailure().recoverWithNull());
        }
        return all;
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        PgSubscriber current = subscriber;
        if (current != null) {
            current.close();
        }
    }
}
