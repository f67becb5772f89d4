package io.licensegateway.security;

import java.time.Duration;

import io.licensegateway.database.DatabaseFailures;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Hourly: deletes audit events older than {@code gateway.security.audit.keep}, throttle counters whose window has
 * ended and VAC token families expired for a day, {@code prune-batch} rows per statement and at most {@value #MAX_BATCHES} statements per table and run, so a
 * prune never holds locks or the database for long; what is left goes in the next run. Every replica prunes;
 * concurrent prunes just find fewer rows.
 */
@ApplicationScoped
class AuditRetention {

    static final int MAX_BATCHES = 100;

    private final Pool pool;
    private final SecurityConfig config;

    AuditRetention(Pool pool, SecurityConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Scheduled(identity = "audit-retention", every = "1h", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return prune().invoke(deleted -> {
            if (deleted > 0) {
                Log.infof("Pruned %d audit events and ended throttle counters", deleted);
            }
        }).onFailure().recoverWithItem(failure -> {
            Log.warnf("Audit retention skipped this time: %s", DatabaseFailures.describe(failure));
            return 0L;
        }).replaceWithVoid();
    }

    /** Rows deleted from the three tables. */
    Uni<Long> prune() {
        return inBatches("""
                delete from audit_event where id in
                  (select id from audit_event where at < now() - make_interval(secs => $1) order by id limit $2)""",
                config.audit().keep(), MAX_BATCHES, 0)
                .flatMap(events -> inBatches("""
                        delete from auth_throttle where key in (select key from auth_throttle
                          where window_started_at < now() - make_interval(secs => $1) limit $2)""",
                        config.throttle().window(), MAX_BATCHES, events))
                .flatMap(counted -> inBatches("""
                        delete from vac_token_family where id in (select id from vac_token_family
                          where expires_at < now() - make_interval(secs => $1) limit $2)""",
                        Duration.ofDays(1), MAX_BATCHES, counted));
    }

    private Uni<Long> inBatches(String delete, Duration age, int batchesLeft, long deleted) {
        int batch = config.audit().pruneBatch();
        return pool.preparedQuery(delete).execute(Tuple.of((double) age.toSeconds(), batch))
                .flatMap(rows -> rows.rowCount() == batch && batchesLeft > 1
                        ? inBatches(delete, age, batchesLeft - 1, deleted + rows.rowCount())
                        : Uni.createFrom().item(deleted + rows.rowCount()));
    }
}
