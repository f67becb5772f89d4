package io.licensegateway.database;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * {@code @Writes Pool}: the connections refresh results are stored through
 * ({@code gateway.database.write-connections}), apart from the pool the API reads with.
 */
@Singleton
class WritePool {

    /** Asking for the API's pool first makes Quarkus build both ({@link DatabasePool#create}). */
    @Produces
    @Singleton
    @Writes
    Pool writes(Pool api, DatabasePool pools) {
        return Pool.newInstance(pools.writes());
    }

    void close(@Disposes @Writes Pool writes) {
        writes.closeAndForget();
    }
}
