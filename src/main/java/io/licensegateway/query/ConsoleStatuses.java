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
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every registered console with its state, snapshot and last attempt: for the present from the current view's
 * records (no round trip), for a past time from one query.
 */
@ApplicationScoped
public class ConsoleStatuses {

    /**
     * Every console's state with its snapshot as of {@code $1}: the newest that had become current by then (the
     * current one for "now"). The benchmark replays it.
     */
    static final String SQL = """
            select c.*, s.id as snapshot_id, s.valid_from as snapshot_valid_from, s.confirmed_at, s.license_count
            from console_state c
            left join lateral (select id, valid_from, confirmed_at, license_count from snapshot s
                               where s.console = c.console and s.valid_from <= $1
                               order by s.valid_from desc limit 1) s on true""";

    private static final OffsetDateTime NOW = OffsetDateTime.MAX;

    private final Pool pool;
    private final CurrentView current;
    private final ConsoleRegistry registry;
    private final RefreshService refresh;
    private final Duration staleAfter;

    ConsoleStatuses(Pool pool, CurrentView current, ConsoleRegistry registry, RefreshService refresh,
            GatewayConfig config) {
        this.pool = pool;
        this.current = current;
        this.registry = registry;
        this.refresh = refresh;
        this.staleAfter = config.refresh().interval().multipliedBy(2);
    }

    /** Every console with its current snapshot: from the current view once it is loaded. */
    public Uni<List<ConsoleStatus>> all() {
        return current.latest().map(view -> Uni.createFrom().item(of(view))).orElseGet(this::stored);
    }

    /** Every console with its current snapshot, read from the store (for the paths that read the store anyway). */
    public Uni<List<ConsoleStatus>> stored() {
        return asOf(NOW);
    }

    /** Every console as the view {@code view} holds it. */
    List<ConsoleStatus> of(View view) {
        return statuses(view.records());
    }

    /** Every console with the snapshot that was current at {@code at}. */
    public Uni<List<ConsoleStatus>> asOf(OffsetDateTime at) {
        return pool.preparedQuery(SQL).execute(Tuple.of(at))
                .map(rows -> {
                    Map<String, ConsoleRecord> byName = new HashMap<>();
                    rows.forEach(row -> byName.put(row.getString("console"), ConsoleRecord.of(row)));
                    return statuses(byName);
                });
    }

    private List<ConsoleStatus> statuses(Map<String, ConsoleRecord> records) {
        return registry.all().stream().map(c -> status(c, records.get(c.name()))).toList();
    }

    private ConsoleStatus status(Console console, ConsoleRecord row) {
        String breaker = refresh.breakerState(console.name()).name();
        if (row == null) {
            return new ConsoleStatus(console.name(), console.url().toString(), console.api().label(), console.enabled(),
                    state(breaker, null, null, null), breaker, null, null, null, null, null, null, null, null, null);
        }
        return new ConsoleStatus(console.name(), console.url().toString(), console.api().label(), console.enabled(),
                state(breaker, row.snapshotId(), row.lastOutcome(), row.confirmedAt()), breaker, row.confirmedAt(),
                row.snapshotId(), row.licenseCount(), row.lastAttemptAt(), row.lastOutcome(), row.lastSuccessAt(),
                row.lastErrorKind(), row.lastError(), row.historyFrom());
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
