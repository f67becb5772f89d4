package io.licensegateway.operations;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.licensegateway.fetch.RunReport;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The database-derived gauge values of every console's current snapshot, from one aggregate query after each
 * run and once at start-up. Prometheus scrapes read this cache, so a scrape never touches the database and
 * costs the same however many licenses there are.
 */
@ApplicationScoped
class SnapshotStatistics {

    private static final String QUERY = "select c.console, s.confirmed_at, s.license_count,"
            + " min(l.license_expiration_date) as soonest_expiry, "
            + Stream.of(UtilizationCounter.values()).map(UtilizationCounter::ratioSql).collect(Collectors.joining(", "))
            + " from console_state c join snapshot s on s.id = c.current_snapshot_id"
            + " left join license_current l on l.console = c.console"
            + " group by c.console, s.confirmed_at, s.license_count";

    private final Pool pool;
    private final AtomicLong started = new AtomicLong();
    private volatile long applied;
    private volatile Map<String, SnapshotFigures> figures = Map.of();

    SnapshotStatistics(Pool pool) {
        this.pool = pool;
    }

    void onStart(@Observes StartupEvent event) {
        reload();
    }

    /** Called on the event loop: starts the query and returns at once. */
    void onRun(@Observes RunReport run) {
        reload();
    }

    Optional<SnapshotFigures> of(String console) {
        return Optional.ofNullable(figures.get(console));
    }

    private void reload() {
        long sequence = started.incrementAndGet();
        pool.query(QUERY).execute().subscribe().with(rows -> apply(sequence, rows),
                // Stale numbers beat none: the snapshot-age gauge keeps growing and shows the problem.
                failure -> Log.warnf("Could not refresh snapshot metrics: %s", failure.toString()));
    }

    /** Two queries may overlap (start-up and a first run); the answer of the older one must not win. */
    private synchronized void apply(long sequence, RowSet<Row> rows) {
        if (sequence < applied) {
            return;
        }
        Map<String, SnapshotFigures> fresh = new HashMap<>();
        for (Row row : rows) {
            Map<UtilizationCounter, Double> utilization = new EnumMap<>(UtilizationCounter.class);
            for (UtilizationCounter counter : UtilizationCounter.values()) {
                utilization.put(counter, row.getDouble(counter.label()));
            }
            fresh.put(row.getString("console"), new SnapshotFigures(row.getOffsetDateTime("confirmed_at"),
                    row.getInteger("license_count"), row.getOffsetDateTime("soonest_expiry"), utilization));
        }
        applied = sequence;
        figures = Map.copyOf(fresh);
    }
}
