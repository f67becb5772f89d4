package io.licensegateway.database;

import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * Borrowing a connection for a stream. A pool cannot take back a request it queued: if the caller goes away while
 * waiting (a client that hangs up on a CSV download), the connection still arrives later, and with nobody left to
 * close it, it would be lost to the pool for good. Here it is closed as soon as it arrives.
 */
public final class Connections {

    private Connections() {
    }

    public static Uni<SqlConnection> borrow(Pool pool) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<SqlConnection> arriving = pool.getConnection().subscribeAsCompletionStage();
            // a copy: cancelling it must not cancel the borrowing itself, whose connection has to be handed back
            return Uni.createFrom().completionStage(arriving.copy())
                    .onCancellation().invoke(() -> arriving.thenAccept(SqlConnection::closeAndForget));
        });
    }
}
