package io.licensegateway.fetch;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.licensegateway.upstream.PageDigests;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * How several gateway instances share one database without fetching the same console at the same moment: leases on
 * console rows (taken with one conditional UPDATE per row, so exactly one instance wins; a refresh claims all its
 * consoles in one statement) and one claim per scheduled interval.
 *
 * <p>A lease is only as alive as its holder. Each instance holds a session-level advisory lock named after its id on
 * a connection of its own for as long as it runs; the server drops that lock the moment the connection goes away —
 * a crash, {@code kill -9}, a lost network — so a lease whose holder's lock is gone is free at once, however long it
 * was taken for. The lease's time limit remains for a holder that is alive but stuck. Session locks need a direct
 * connection or a session-pooling proxy, not PgBouncer's transaction pooling (docs/deployment.md, "Several replicas").
 */
@ApplicationScoped
public class Coordination {

    /** Names this application's instance locks ({@code 'LGWI'}); the second key is the instance id's hash. */
    private static final int INSTANCE_LOCKS = 0x4c475749;

    /** Whether {@code claimed_by}'s instance still holds its lock, i.e. is still connected. */
    private static final String HOLDER_ALIVE = """
            exists (select 1 from pg_locks l where l.locktype = 'advisory' and l.granted
                    and l.database = (select oid from pg_database where datname = current_database())
                    and l.classid = %d and l.objid = (hashtext(console_state.claimed_by) & 2147483647)::oid
                    and l.objsubid = 2)""".formatted(INSTANCE_LOCKS);

    private final Pool pool;
    private final String instance;
    /** The taking of this instance's lock: done (and kept) or under way; null once its connection is lost. */
    private Uni<Void> taking;

    @Inject
    Coordination(Pool pool) {
        this(pool, UUID.randomUUID().toString());
    }

    /** For another instance's view of the same database (tests play a second replica with it). */
    Coordination(Pool pool, String instance) {
        this.pool = pool;
        this.instance = instance;
    }

    /**
     * The pages read for the console's current snapshot ({@link PageDigests#NONE} if none) when this instance now
     * holds the console for {@code lease}; empty when another live one does.
     */
    Uni<Optional<PageDigests>> claimConsole(String console, Duration lease) {
        return claimConsoles(Map.of(console, lease)).map(held -> Optional.ofNullable(held.get(console)));
    }

    /**
     * Claims every console of {@code leases} for its lease in one statement: each claim is its row's insert or
     * conditional update. Answers, for the consoles this instance now holds, the pages read for their current snapshot
     * ({@link PageDigests#NONE} if none); consoles another live instance holds are missing.
     */
    Uni<Map<String, PageDigests>> claimConsoles(Map<String, Duration> leases) {
        String[] consoles = leases.keySet().toArray(String[]::new);
        Long[] millis = Arrays.stream(consoles).map(c -> leases.get(c).toMillis()).toArray(Long[]::new);
        return alive()
                .flatMap(ignored -> pool.preparedQuery("""
                        insert into console_state (console, claimed_by, claimed_until)
                        select c.console, $2, now() + c.lease * interval '1 millisecond'
                        from unnest($1::text[], $3::bigint[]) as c(console, lease)
                        on conflict (console) do update set claimed_by = excluded.claimed_by,
                                                            claimed_until = excluded.claimed_until
                        where console_state.claimed_until is null or console_state.claimed_until < now()
                              or console_state.claimed_by = $2 or not %s
                        returning console_state.console,
                                  (select s.page_digests from snapshot s where s.id = console_state.current_snapshot_id)"""
                        .formatted(HOLDER_ALIVE))
                        .execute(Tuple.of(consoles, instance, millis)))
                .map(rows -> {
                    Map<String, PageDigests> held = new HashMap<>();
                    rows.forEach(row -> held.put(row.getString(0), PageDigests.fromJson(row.getJsonObject(1))));
                    return held;
                });
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

    /**
     * Takes this instance's lock on a connection kept out of the pool's rotation, once (concurrent claims share one
     * attempt); again after that connection was lost. Meanwhile this instance's leases looked free to others: at worst
     * a console is fetched twice, and its writes are serialised by its row lock.
     */
    private synchronized Uni<Void> alive() {
        if (taking == null) {
            taking = pool.getConnection().flatMap(connection -> connection
                    .preparedQuery("select pg_try_advisory_lock(" + INSTANCE_LOCKS + ", hashtext($1) & 2147483647)")
                    .execute(Tuple.of(instance))
                    .invoke(rows -> {
                        if (!rows.iterator().next().getBoolean(0)) {
                            // our previous session is still being torn down by the server
                            throw new IllegalStateException("this instance's coordination lock is still held");
                        }
                        connection.closeHandler(this::lost);
                    })
                    .onFailure().call(connection::close)
                    .onFailure().invoke(this::lost)
                    .replaceWithVoid())
                    .memoize().indefinitely();
        }
        return taking;
    }

    private synchronized void lost() {
        taking = null;
    }
}
