package io.licensegateway.operations;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.licensegateway.fetch.RunReport;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

/**
 * The database-derived gauge values, from two small queries after each run and once at start-up: every console's
 * state with its current snapshot and its summary row, and the summary rows per edition, status and license type
 * ({@code license_rollup}, kept by the writer). Neither reads a license row, so the cost does not grow with the
 * number of licenses but with consoles × groups. Prometheus scrapes read this cache and never touch the database.
 */
@ApplicationScoped
class SnapshotStatistics {

    private static final String CONSOLES = "select c.console, c.last_outcome, c.last_success_at, s.confirmed_at,"
            + " s.license_count, r.expirations[1] as soonest_expiry, "
            + Stream.of(UtilizationCounter.values()).map(UtilizationCounter::ratioSql).collect(Collectors.joining(", "))
            + " from console_state c left join snapshot s on s.id = c.current_snapshot_id"
            + " left join license_rollup r on r.console = c.console and r.dimension = 'console'";

    /** Expiry dates as epoch milliseconds: a fleet's worth of them, binary-decoded (prepared) without date parsing. */
    private static final String GROUPS = """
            select console, dimension, coalesce(key, 'unknown') as key, licenses, over_limit, near_limit,
                   case when dimension = 'edition'
                        then array(select (extract(epoch from e) * 1000)::bigint from unnest(expirations) e) end
                        as expirations
            from license_rollup where dimension in ('edition', 'status', 'licenseType')""";

    /** What the gauges show of one console's last attempt: its outcome and its last success. */
    record Health(String lastOutcome, OffsetDateTime lastSuccess) {
    }

    private record Loaded(Map<String, SnapshotFigures> figures, Map<String, Health> health, List<LicenseGroups> groups) {
    }

    private final Pool pool;
    private final Event<Reloaded> reloaded;
    private final AtomicLong started = new AtomicLong();
    private volatile long applied;
    private volatile Loaded loaded = new Loaded(Map.of(), Map.of(), List.of());

    /** Fired (synchronously, on the event loop) after new figures were applied. */
    record Reloaded(List<LicenseGroups> groups) {
    }

    SnapshotStatistics(Pool pool, Event<Reloaded> reloaded) {
        this.pool = pool;
        this.reloaded = reloaded;
    }

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    /** Called on the event loop: starts the queries and returns at once. */
    void onRun(@Observes RunReport run) {
        reload();
    }

    Optional<SnapshotFigures> of(String console) {
        return Optional.ofNullable(loaded.figures().get(console));
    }

    Optional<Health> health(String console) {
        return Optional.ofNullable(loaded.health().get(console));
    }

    List<LicenseGroups> groups() {
        return loaded.groups();
    }

    private void reload() {
        long sequence = started.incrementAndGet();
        Uni.combine().all().unis(pool.query(CONSOLES).execute(), pool.preparedQuery(GROUPS).execute()).asTuple()
                .subscribe().with(rows -> apply(sequence, rows.getItem1(), rows.getItem2()),
                        // Stale numbers beat none: the snapshot-age gauge keeps growing and shows the problem.
                        failure -> Log.warnf("Could not refresh snapshot metrics: %s", failure.toString()));
    }

    /** Two reloads may overlap (start-up and a first run); the answer of the older one must not win. */
    private synchronized void apply(long sequence, RowSet<Row> consoles, RowSet<Row> groupRows) {
        if (sequence < applied) {
            return;
        }
        Map<String, SnapshotFigures> figures = new HashMap<>();
        Map<String, Health> health = new HashMap<>();
        for (Row row : consoles) {
            String console = row.getString("console");
            health.put(console, new Health(row.getString("last_outcome"), row.getOffsetDateTime("last_success_at")));
            if (row.getOffsetDateTime("confirmed_at") == null) {
                continue;
            }
            Map<UtilizationCounter, Double> utilization = new EnumMap<>(UtilizationCounter.class);
            for (UtilizationCounter counter : UtilizationCounter.values()) {
                utilization.put(counter, row.getDouble(counter.label()));
            }
            figures.put(console, new SnapshotFigures(row.getOffsetDateTime("confirmed_at"),
                    row.getInteger("license_count"), row.getOffsetDateTime("soonest_expiry"), utilization));
        }
        List<LicenseGroups> groups = new ArrayList<>();
        for (Row row : groupRows) {
            Long[] dates = row.getArrayOfLongs("expirations");
            long[] expirations = dates == null ? new long[0] : Stream.of(dates).mapToLong(Long::longValue).sorted().toArray();
            groups.add(new LicenseGroups(row.getString("console"), row.getString("dimension"), row.getString("key"),
                    row.getLong("licenses"), row.getLong("over_limit"), row.getLong("near_limit"), expirations));
        }
        applied = sequence;
        loaded = new Loaded(Map.copyOf(figures), Map.copyOf(health), List.copyOf(groups));
        reloaded.fire(new Reloaded(loaded.groups()));
    }
}
