package io.licensegateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.licensegateway.database.DatabaseFailures;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Brute-force protection that costs the gateway next to nothing per refusal. Failed authentications are counted in
 * memory, per client address (any credential), per (VAC account, address) and per VAC account, and folded into
 * {@code auth_throttle}, shared by all replicas, at most once per key and {@code fold-interval}: the first failure
 * of a key is folded at once (so it learns what other replicas counted), later ones with the next fold. A key that
 * reaches its limit is locked (429) for {@code window}; locked callers are refused from memory, before any database
 * work. An address or an (account, address) pair locks; an account alone never does, so a stranger cannot lock the
 * real user out: its failures from every address only slow each of its logins ({@link #accountDelay}).
 * <p>
 * Replicas share the counts with a lag of at most one fold interval, and a locked caller that moves to a replica
 * that has not seen it yet gets at most one attempt there (its first failure there folds and returns the shared
 * count). When the database is away failures are still counted here and answered with the longest delay; the counts
 * reach the database once it is back.
 */
@ApplicationScoped
public class AuthThrottle {

    /** Keys counted at most; beyond that a key is folded on each of its failures, as if it were new each time. */
    private static final int MAX_COUNTED = 100_000;
    /** Locks remembered at most; beyond that a right credential from a locked address is not refused here. */
    private static final int MAX_REMEMBERED = 10_000;

    /** $1 keys, $2 failures to add, $3 window in seconds, $4 and $5 the address and (account, address) limits. */
    private static final String FOLD = """
            insert into auth_throttle as t (key, failures, window_started_at)
            select key, n, now() from unnest($1::text[], $2::integer[]) as u(key, n)
            on conflict (key) do update set
              failures = case when t.window_started_at > now() - make_interval(secs => $3)
                then t.failures + excluded.failures else excluded.failures end,
              window_started_at = case when t.window_started_at > now() - make_interval(secs => $3)
                  and t.failures + excluded.failures < (case when t.key like 'address:%' then $4::integer
                    when t.key like 'login:%' then $5::integer else 2147483647 end)
                then t.window_started_at else now() end
            returning key, failures""";

    /** What to answer a failed authentication with. */
    record Verdict(boolean locked, Duration retryAfter, Duration delay) {
    }

    private final SecurityConfig.Throttle config;
    private final Pool pool;
    private final AuditTrail audit;
    private final Vertx vertx;
    private final long timer;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private final Map<String, Instant> locks = new ConcurrentHashMap<>();

    AuthThrottle(SecurityConfig config, Pool pool, AuditTrail audit, Vertx vertx) {
        this.config = config.throttle();
        this.pool = pool;
        this.audit = audit;
        this.vertx = vertx;
        this.timer = vertx.setPeriodic(this.config.foldInterval().toMillis(), ignored -> foldPending());
    }

    @PreDestroy
    void stop() {
        vertx.cancelTimer(timer);
    }

    static String addressKey(String address) {
        return "address:" + ClientAddresses.throttled(address);
    }

    static String loginKey(String account, String address) {
        return "login:" + account + "|" + ClientAddresses.throttled(address);
    }

    static String accountKey(String account) {
        return "account:" + account;
    }

    /** How much longer the address (or the account from it, when not null) is locked here; else null. */
    Duration lockedFor(String address, String account) {
        Instant now = Instant.now();
        Instant until = later(lockEnd(addressKey(address), now),
                account == null ? null : lockEnd(loginKey(account, address), now));
        return until == null ? null : Duration.between(now, until);
    }

    /**
     * How long every login for the account waits, right or wrong, once it has failed often within the window from
     * anywhere: guesses spread over many addresses are slowed without locking the account.
     */
    Duration accountDelay(String account) {
        Count count = counts.get(accountKey(account));
        return count == null ? Duration.ZERO
                : delay(count.total(Instant.now(), config.window()), config.accountDelayAfter(), config.initialDelay(),
                        config.accountMaxDelay());
    }

    private Instant lockEnd(String key, Instant now) {
        Instant until = locks.get(key);
        if (until != null && !until.isAfter(now)) {
            locks.remove(key, until);
            return null;
        }
        return until;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** Audits a request refused because its address or account is locked (its credential was not even checked). */
    Uni<Void> refusedWhileLocked(String address, CredentialKind kind, String principal, String detail) {
        return audit.authentication(
                AuditEvent.of(AuditEvent.AUTHENTICATION, AuditEvent.LOCKED, principal, kind, address, detail));
    }

    /**
     * Counts a failed authentication from the address (and, when not null, against the account: per account and per
     * (account, address)) and audits it.
     */
    Uni<Verdict> failed(String address, String account, CredentialKind kind, String principal, String detail) {
        List<String> keys = new ArrayList<>(List.of(addressKey(address)));
        if (account != null) {
            keys.add(loginKey(account, address));
            keys.add(accountKey(account));
        }
        Instant now = Instant.now();
        List<String> due = new ArrayList<>();
        for (String key : keys) {
            if (count(key).add(now, config.window(), config.foldInterval())) {
                due.add(key);
            }
        }
        Uni<Boolean> folded = due.isEmpty() ? Uni.createFrom().item(true) : fold(due).map(ignored -> true)
                .onFailure().recoverWithItem(failure -> false);
        return folded.flatMap(reached -> {
            Verdict verdict = verdict(keys, reached);
            return audit.authentication(AuditEvent.of(AuditEvent.AUTHENTICATION,
                    verdict.locked() ? AuditEvent.LOCKED : AuditEvent.FAILURE, principal, kind, address, detail))
                    .replaceWith(verdict);
        });
    }

    private Count count(String key) {
        Count count = counts.get(key);
        if (count != null) {
            return count;
        }
        if (counts.size() >= MAX_COUNTED) {
            counts.values().removeIf(c -> c.idle(Instant.now(), config.window()));
        }
        return counts.size() < MAX_COUNTED ? counts.computeIfAbsent(key, k -> new Count()) : new Count();
    }

    private Verdict verdict(List<String> keys, boolean databaseReached) {
        Instant now = Instant.now();
        boolean locked = false;
        int failures = 0;
        for (String key : keys) {
            if (key.startsWith("account:")) {
                continue;
            }
            int total = count(key).total(now, config.window());
            failures = Math.max(failures, total);
            if (total >= limit(key)) {
                locked = true;
                remember(key);
            }
        }
        if (locked) {
            return new Verdict(true, config.window(), Duration.ZERO);
        }
        return new Verdict(false, null, databaseReached
                ? delay(failures, config.failuresBeforeDelay(), config.initialDelay(), config.maxDelay())
                : config.maxDelay());
    }

    /** Adds what these keys counted here since their last fold to the shared counts, and learns the totals. */
    private Uni<Void> fold(List<String> keys) {
        List<Count> folding = keys.stream().map(this::count).toList();
        int[] added = folding.stream().mapToInt(Count::takePending).toArray();
        Integer[] failures = new Integer[added.length];
        for (int i = 0; i < added.length; i++) {
            failures[i] = added[i];
        }
        return pool.preparedQuery(FOLD).execute(Tuple.of(keys.toArray(String[]::new), failures,
                        (double) config.window().toMillis() / 1000, config.maxFailuresPerAddress(),
                        config.maxFailuresPerAccount()))
                .invoke(rows -> {
                    Instant now = Instant.now();
                    for (Row row : rows) {
                        String key = row.getString("key");
                        Count count = count(key);
                        count.folded(row.getInteger("failures"), now);
                        if (!key.startsWith("account:") && count.total(now, config.window()) >= limit(key)) {
                            remember(key);
                        }
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> {
                    for (int i = 0; i < added.length; i++) {
                        folding.get(i).unfolded(added[i]);
                    }
                    if (!DatabaseFailures.unavailable(failure)) {
                        Log.errorf(failure, "Could not count failed authentications");
                    }
                });
    }

    /** Folds what was counted since the last fold and forgets keys whose window has ended. */
    void foldPending() {
        Instant now = Instant.now();
        counts.entrySet().removeIf(entry -> entry.getValue().idle(now, config.window()));
        List<String> keys = counts.entrySet().stream().filter(entry -> entry.getValue().pending())
                .map(Map.Entry::getKey).toList();
        if (!keys.isEmpty()) {
            fold(keys).subscribe().with(ignored -> { }, failure -> { });
        }
    }

    private int limit(String key) {
        return key.startsWith("login:") ? config.maxFailuresPerAccount() : config.maxFailuresPerAddress();
    }

    private void remember(String key) {
        Instant now = Instant.now();
        if (locks.containsKey(key)) {
            return;
        }
        if (locks.size() >= MAX_REMEMBERED) {
            locks.values().removeIf(until -> !until.isAfter(now));
        }
        if (locks.size() < MAX_REMEMBERED) {
            locks.put(key, now.plus(config.window()));
        }
    }

    /** No delay for the first {@code failuresBeforeDelay} failures, then {@code initialDelay} doubling up to the max. */
    static Duration delay(int failures, int failuresBeforeDelay, Duration initialDelay, Duration maxDelay) {
        int delayed = failures - failuresBeforeDelay;
        if (delayed <= 0) {
            return Duration.ZERO;
        }
        Duration delay = initialDelay.multipliedBy(1L << Math.min(delayed - 1, 30));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }

    /**
     * One key's failures as this replica knows them: the shared count at the last fold plus those counted here since.
     * The window is approximated from this replica's first failure; the database keeps the authoritative one.
     */
    private static final class Count {
        private int shared;
        private int pending;
        private Instant windowStart;
        private Instant lastFold;

        /** Counts one failure; true when the key is due for a fold now (first failure, or interval passed). */
        synchronized boolean add(Instant now, Duration window, Duration foldInterval) {
            expire(now, window);
            if (windowStart == null) {
                windowStart = now;
            }
            pending++;
            boolean due = lastFold == null || !lastFold.plus(foldInterval).isAfter(now);
            if (due) {
                // claimed now, so the failures that arrive while this fold is under way wait for the next one
                lastFold = now;
            }
            return due;
        }

        synchronized int total(Instant now, Duration window) {
            expire(now, window);
            return shared + pending;
        }

        synchronized boolean pending() {
            return pending > 0;
        }

        synchronized int takePending() {
            int taken = pending;
            pending = 0;
            shared += taken;
            return taken;
        }

        /** The database's total, which already holds what this replica folded. */
        synchronized void folded(int total, Instant now) {
            shared = total;
            lastFold = now;
        }

        synchronized void unfolded(int failures) {
            shared -= failures;
            pending += failures;
        }

        synchronized boolean idle(Instant now, Duration window) {
            expire(now, window);
            return windowStart == null && pending == 0;
        }

        private void expire(Instant now, Duration window) {
            if (windowStart != null && !windowStart.plus(window).isAfter(now) && pending == 0) {
                shared = 0;
                windowStart = null;
                lastFold = null;
            }
        }
    }
}
