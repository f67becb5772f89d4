package io.licensegateway.fetch;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Run records: created when a refresh starts, closed when it ends. Written here through the SQL client (the refresh
 * path runs on scheduler and event-loop threads alike, outside any Hibernate Reactive session); {@link RunHistory}
 * reads them as entities for {@code /api/v1/runs}.
 */
@ApplicationScoped
public class RunRepository {

    private final Pool pool;
    private final Duration keep;

    RunRepository(Pool pool, RunsConfig config) {
        this.pool = pool;
        this.keep = config.keep();
    }

    Uni<Long> start(RunReport.Trigger trigger, String requestedConsole, String requestedBy, OffsetDateTime startedAt) {
        return pool.preparedQuery("insert into fetch_run (trigger, requested_console, requested_by, started_at) "
                + "values ($1, $2, $3, $4) returning id")
                .execute(Tuple.of(trigger.name(), requestedConsole, requestedBy, startedAt))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** The license count of each console's current snapshot: what its next fetch is expected to bring. */
    Uni<Map<String, Integer>> currentLicenseCounts() {
        return pool.query("select c.console, s.license_count from console_state c join snapshot s on s.id = c.current_snapshot_id")
                .execute().map(rows -> {
                    Map<String, Integer> counts = new HashMap<>();
                    rows.forEach(row -> counts.put(row.getString(0), row.getInteger(1)));
                    return counts;
                });
    }

    /** Closes the run and forgets runs older than {@code gateway.runs.keep} (their attempts go with them). */
    Uni<Void> finish(long runId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("update fetch_run set finished_at = $2 where id = $1").execute(Tuple.of(runId, now))
                .flatMap(ignored -> pool.preparedQuery("delete from fetch_run where started_at < $1")
                        .execute(Tuple.of(now.minus(keep))))
                .replaceWithVoid();
    }
}
