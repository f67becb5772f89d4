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
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Brute-force protection. Every failed authentication costs one statement: it counts the failure for the client
 * address (and, at {@code POST /token}, for the account) in {@code auth_throttle}, shared by all replicas, and
 * writes its audit event. The answer to a failure is delayed more and more, and once a key reaches its limit it is
 * locked (429) for {@code window} after its last failure.
 * <p>
 * A right credential costs no database round trip: the locks this replica has learnt from the failures it counted
 * are remembered in memory until they end, and only those are checked. A locked caller that moves to a replica that
 * has not seen it yet gets at most one attempt there (its first failure there returns the shared count and teaches
 * that replica the lock); with N replicas that is at most N - 1 extra guesses per lock, against a round trip on every
 * authenticated request. When the database is away failures are still answered, with the longest delay, and right
 * credentials keep working; nothing is counted until it is back.
 */
@ApplicationScoped
public class AuthThrottle {

    /** Locks remembered at most; beyond that a right credential from a locked address is not refused here. */
    private static final int MAX_REMEMBERED = 10_000;

    /** $1 keys, $2 window in seconds, $3 and $4 the address and account limits, $5.. the audit event's columns. */
    private static final String COUNT_AND_AUDIT = """
            with counted as (
              insert into auth_throttle as t (key, failures, window_started_at)
              select key, 1, now() from unnest($1::text[]) as key
              on conflict (key) do update set
                failures = case when t.window_started_at > now() - make_interval(secs => $2) then t.failures + 1 else 1 end,
                window_started_at = case when t.window_started_at > now() - make_interval(secs => $2)
                    and t.failures + 1 < (case when t.key like 'account:%' then $4::integer else $3::integer end)
                  then t.window_started_at else now() end
              returning key, failures
            ), verdict as (
              select bool_or(failures >= case when key like 'account:%' then $4::integer else $3::integer end) as locked from counted
            ), audit as (
              insert into audit_event (kind, outcome, principal, credential, address, detail)
              select $5, case when locked then 'locked' else $6 end, $7, $8, $9, $10 from verdict
            )
            select key, failures from counted""";

    /** What to answer a failed authentication with. */
    record Verdict(boolean locked, Duration retryAfter, Duration delay) {
    }

    private final SecurityConfig.Throttle config;
    private final Pool pool;
    private final AuditTrail audit;
    private final Map<String, Instant> locks = new ConcurrentHashMap<>();

    AuthThrottle(SecurityConfig config, Pool pool, AuditTrail audit) {
        this.config = config.throttle();
        this.pool = pool;
        this.audit = audit;
    }

    static String addressKey(String address) {
        return "address:" + address;
    }

    static String accountKey(String account) {
        return "account:" + account;
    }

    /** How much longer the address (or the account, when not null) is locked as far as this replica knows; else null. */
    Duration lockedFor(String address, String account) {
        Instant now = Instant.now();
        Instant until = later(lockEnd(addressKey(address), now), account == null ? null : lockEnd(accountKey(account), now));
        return until == null ? null : Duration.between(now, until);
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
        return audit.record(AuditEvent.of(AuditEvent.AUTHENTICATION, AuditEvent.LOCKED, principal, kind, address, detail));
    }

    /** Counts a failed authentication from the address (and against the account, when not null) and audits it. */
    Uni<Verdict> failed(String address, String account, CredentialKind kind, String principal, String detail) {
        List<String> keys = new ArrayList<>(List.of(addressKey(address)));
        if (account != null) {
            keys.add(accountKey(account));
        }
        AuditEvent event = AuditEvent.of(AuditEvent.AUTHENTICATION, AuditEvent.FAILURE, principal, kind, address, detail);
        List<Object> parameters = new ArrayList<>(List.of(keys.toArray(String[]::new),
                (double) config.window().toMillis() / 1000, config.maxFailuresPerAddress(), config.maxFailuresPerAccount()));
        parameters.addAll(AuditTrail.values(event));
        return pool.preparedQuery(COUNT_AND_AUDIT).execute(Tuple.tuple(parameters))
                .map(rows -> {
                    boolean locked = false;
                    int failures = 0;
                    for (Row row : rows) {
                        String key = row.getString("key");
                        int count = row.getInteger("failures");
                        failures = Math.max(failures, count);
                        if (count >= limit(key)) {
                            locked = true;
                            remember(key);
                        }
                    }
                    audit.count(locked ? AuditEvent.of(event.kind(), AuditEvent.LOCKED, principal, kind, address, detail)
                            : event);
                    return locked ? new Verdict(true, config.window(), Duration.ZERO)
                            : new Verdict(false, null,
                            delay(failures, config.failuresBeforeDelay(), config.initialDelay(), config.maxDelay()));
                })
                .onFailure().recoverWithItem(failure -> {
                    audit.count(event);
                    AuditTrail.lost(event, failure);
                    if (!DatabaseFailures.unavailable(failure)) {
                        Log.errorf(failure, "Could not count a failed authentication");
                    }
                    return new Verdict(false, null, config.maxDelay());
                });
    }

    private int limit(String key) {
        return key.startsWith("account:") ? config.maxFailuresPerAccount() : config.maxFailuresPerAddress();
    }

    private void remember(String key) {
        Instant now = Instant.now();
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
}
