package io.licensegateway.snapshot;

/**
 * The store's time line. Every version a snapshot write creates or closes carries one stamp, and a reader pins a
 * point in time T and reads "as of T". For that to be repeatable (a cursor must neither skip nor repeat rows while
 * refreshes land), no write may become visible later with a stamp at or before a T some reader already pinned.
 *
 * <p>Writers hold a shared transaction-level advisory lock from just before they take their stamp until they commit
 * (the server drops it at commit, rollback or disconnect). A reader pins the earlier of the database clock and the
 * start of the oldest transaction still holding that lock, minus a microsecond: every write stamped at or before the
 * pin had committed when the pin was taken, so reading as of the pin gives the same rows for as long as the history
 * is kept. The cost for readers is one look at {@code pg_locks}; writers never wait for each other or for readers.
 */
public final class StoreClock {

    /** An arbitrary key that names this application's lock ({@code 'LGW1'}); the second key is 0. */
    private static final int LOCK_NAMESPACE = 0x4c475731;

    /** The stamp of a write ({@code $1} the console's previous stamp, or null), taken once the lock is held. */
    static final String STAMP = "with held as materialized (select pg_advisory_xact_lock_shared(" + LOCK_NAMESPACE
            + ", 0)) select greatest(clock_timestamp(), $1::timestamptz + interval '1 microsecond') from held";

    /**
     * The latest point in time whose view cannot change any more, as {@code pin}. pg_locks lists the whole server's
     * advisory locks: only this database's writers count (another gateway's database on the same server must not hold
     * this one's reads back).
     */
    public static final String PIN = """
            select least(clock_timestamp(), (select min(a.xact_start) from pg_locks l
                   join pg_stat_activity a on a.pid = l.pid
                   where l.locktype = 'advisory' and l.classid = %d and l.objid = 0 and l.objsubid = 2 and l.granted
                     and l.database = (select oid from pg_database where datname = current_database())))
                   - interval '1 microsecond' as pin""".formatted(LOCK_NAMESPACE);

    private StoreClock() {
    }
}
