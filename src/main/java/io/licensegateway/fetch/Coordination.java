package io.licensegateway.fetch;

import java.time.Duration;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How several gateway instances share one database without fetching the same console at the same moment:
 * leases on console rows (taken with one conditional UPDATE, so exactly one instance wins) and one claim per
 * scheduled interval. Leases expire on their own, so an instance that dies mid-refresh blocks nobody for long.
 */
@ApplicationScoped
public class Coordination {

    private final Pool pool;
    private final String instance;

    @Inject
    Coordination(Pool pool) {
        this(pool, UUID.randomUUID().toString());
    }

    /** For another instance's view of the same database (tests play a second replica with it). */
    Coordination(Pool pool, String instance) {
        this.pool = pool;
        this.instance = instance;
    }

    /** True when this instance now holds the console for {@code lease}; false when another one does. */
    Uni<Boolean> claimConsole(String console, Duration lease) {
        return pool.preparedQuery("insert into console_state (console) values ($1) on conflict do nothing")
                .execute(Tuple.of(console))
                .flatMap(ignored -> pool.preparedQuery("""
                        update console_state set claimed_by = $2, claimed_until = now() + $3 * interval '1 millisecond'
                        where console = $1 and (claimed_until is null or claimed_until < now() or claimed_by = $2)""")
                        .execute(Tuple.of(console, instance, lease.toMillis())))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Gives the console back, in the caller's transaction (the one that records the attempt). */
    Uni<Void> releaseConsole(SqlClient client, String console) {
        return client.preparedQuery("update console_state set claimed_by = null, claimed_until = null "
                + "where console = $1 and claimed_by = $2").execute(Tuple.of(console, instance)).replaceWithVoid();
    }

    /**
     * True when no instance started a scheduled refresh within the last 90% of {@code interval} — and this one
     * has now recorded that it does.
     */
    Uni<Boolean> claimScheduledRun(Duration interval) {
        return pool.preparedQuery("""
                insert into refresh_schedule (name, last_started_at) values ('scheduled', now())
                on conflict (name) do update set last_started_at = now()
                where refresh_schedule.last_started_at < now() - $1 * interval '1 millisecond'""")
                .execute(Tuple.of(interval.toMillis() * 9 / 10))
                .map(rows -> rows.rowCount() == 1);
    }
}
