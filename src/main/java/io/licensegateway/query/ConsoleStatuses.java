package io.licensegateway.query;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.licensegateway.console.Console;
import io.licensegateway.console.ConsoleRegistry;
import io.licensegateway.console.GatewayConfig;
import io.licensegateway.fetch.RefreshService;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Every registered console with its state, current snapshot and last attempt, from one query. */
@ApplicationScoped
public class ConsoleStatuses {

    /**
     * Every console's state with its snapshot as of {@code $1}: the newest that had become current by then (the
     * current one for "now"). The benchmark replays it.
     */
    static final String SQL = """
            select c.*, s.id as snapshot_id, s.confirmed_at, s.license_count from console_state c
            left join lateral (select id, confirmed_at, license_count from snapshot s
                               where s.console = c.console and s.valid_from <= $1
                               order by s.valid_from desc limit 1) s on true""";

    private static final OffsetDateTime NOW = OffsetDateTime.MAX;

    private final Pool pool;
    private final ConsoleRegistry registry;
    private final RefreshService refresh;
    private final Duration staleAfter;

    ConsoleStatuses(Pool pool, ConsoleRegistry registry, RefreshService refresh, GatewayConfig config) {
        this.pool = pool;
        this.registry = registry;
        this.refresh = refresh;
        this.staleAfter = config.refresh().interval().multipliedBy(2);
    }

    /** Every console with its current snapshot. */
    public Uni<List<ConsoleStatus>> all() {
        return asOf(NOW);
    }

    /** Every console with the snapshot that was current at {@code at}. */
    public Uni<List<ConsoleStatus>> asOf(OffsetDateTime at) {
        return pool.preparedQuery(SQL).execute(Tuple.of(at))
                .map(rows -> {
                    Map<String, Row> byName = new HashMap<>();
                    rows.forEach(row -> byName.put(row.getString("console"), row));
                    return registry.all().stream().map(c -> status(c, byName.get(c.name()))).toList();
                });
    }

    private ConsoleStatus status(Console console, Row row) {
        String breaker = refresh.breakerState(console.name()).name();
        if (row == null) {
            return new ConsoleStatus(console.name(), console.url().toString(), console.api().label(), console.enabled(),
                    state(breaker, null, null, null), breaker, null, null, null, null, null, null, null, null, null);
        }
        OffsetDateTime asOf = row.getOffsetDateTime("confirmed_at");
        return new ConsoleStatus(console.name(), console.url().toString(), console.api().label(), console.enabled(),
                state(breaker, row.getLong("snapshot_id"), row.getString("last_outcome"), asOf), breaker,
                asOf, row.getLong("snapshot_id"), row.getInteger("license_count"),
                row.getOffsetDateTime("last_attempt_at"), row.getString("last_outcome"),
                row.getOffsetDateTime("last_success_at"), row.getString("last_error_kind"), row.getString("last_error"),
                row.getOffsetDateTime("history_from"));
    }

    private ConsoleState state(String breaker, Long snapshotId, String lastOutcome, OffsetDateTime asOf) {
        if (breaker.equals(CircuitBreakerState.OPEN.name())) {
            return ConsoleState.CIRCUIT_OPEN;
        }
        if (lastOutcome == null && snapshotId == null) {
            return ConsoleState.NEVER_FETCHED;
        }
        if (snapshotId == null) {
            return ConsoleState.FAILED;
        }
        boolean lastFailed = lastOutcome != null && !"UPDATED".equals(lastOutcome) && !"UNCHANGED".equals(lastOutcome);
        boolean old = asOf == null || asOf.isBefore(OffsetDateTime.now().minus(staleAfter));
        return lastFailed || old ? ConsoleState.STALE : ConsoleState.OK;
    }
}
