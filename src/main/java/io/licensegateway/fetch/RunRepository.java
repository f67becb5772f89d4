package io.licensegateway.fetch;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import io.licensegateway.console.GatewayConfig;
import io.licensegateway.upstream.ErrorKind;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/** Run records: created when a refresh starts, closed when it ends, read by {@code /api/v1/runs}. */
@ApplicationScoped
public class RunRepository {

    private final Pool pool;
    private final Duration keep;

    RunRepository(Pool pool, GatewayConfig config) {
        this.pool = pool;
        this.keep = config.runs().keep();
    }

    Uni<Long> start(RunReport.Trigger trigger, String requestedConsole, String requestedBy, OffsetDateTime startedAt) {
        return pool.preparedQuery("insert into fetch_run (trigger, requested_console, requested_by, started_at) "
                + "values ($1, $2, $3, $4) returning id")
                .execute(Tuple.of(trigger.name(), requestedConsole, requestedBy, startedAt))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Closes the run and forgets runs older than {@code gateway.runs.keep} (their attempts go with them). */
    Uni<Void> finish(long runId) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.preparedQuery("update fetch_run set finished_at = $2 where id = $1").execute(Tuple.of(runId, now))
                .flatMap(ignored -> pool.preparedQuery("delete from fetch_run where started_at < $1")
                        .execute(Tuple.of(now.minus(keep))))
                .replaceWithVoid();
    }

    /** Newest first, each with its console outcomes. */
    public Uni<List<RunReport>> list(int limit, int offset) {
        return pool.preparedQuery("select * from fetch_run order by id desc limit $1 offset $2")
                .execute(Tuple.of(limit, offset))
                .flatMap(runs -> withAttempts(runs));
    }

    /** The run, or null. */
    public Uni<RunReport> find(long id) {
        return pool.preparedQuery("select * from fetch_run where id = $1").execute(Tuple.of(id))
                .flatMap(this::withAttempts)
                .map(runs -> runs.isEmpty() ? null : runs.get(0));
    }

    private Uni<List<RunReport>> withAttempts(RowSet<Row> runs) {
        List<Row> runRows = StreamSupport.stream(runs.spliterator(), false).toList();
        if (runRows.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Long[] ids = runRows.stream().map(r -> r.getLong("id")).toArray(Long[]::new);
        return pool.preparedQuery("select * from fetch_attempt where run_id = any($1) order by console")
                .execute(Tuple.of(ids))
                .map(attempts -> {
                    Map<Long, List<ConsoleOutcome>> byRun = StreamSupport.stream(attempts.spliterator(), false)
                            .collect(Collectors.groupingBy(a -> a.getLong("run_id"),
                                    Collectors.mapping(RunRepository::outcome, Collectors.toCollection(ArrayList::new))));
                    return runRows.stream().map(r -> new RunReport(r.getLong("id"),
                            RunReport.Trigger.valueOf(r.getString("trigger")), r.getString("requested_console"),
                            r.getOffsetDateTime("started_at"), r.getOffsetDateTime("finished_at"),
                            byRun.getOrDefault(r.getLong("id"), List.of()), r.getString("requested_by"))).toList();
                });
    }

    private static ConsoleOutcome outcome(Row a) {
        String kind = a.getString("error_kind");
        return new ConsoleOutcome(a.getString("console"), Outcome.valueOf(a.getString("outcome")),
                a.getInteger("attempts"), a.getOffsetDateTime("started_at"), a.getLong("duration_ms"),
                kind == null ? null : ErrorKind.valueOf(kind), a.getString("error_message"),
                a.getInteger("license_count"), a.getLong("snapshot_id"));
    }
}
