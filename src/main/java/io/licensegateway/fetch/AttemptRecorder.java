package io.licensegateway.fetch;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.licensegateway.database.Commits;
import io.licensegateway.database.DatabaseFailures;
import io.licensegateway.database.Writes;
import io.licensegateway.notify.ConsoleEvents;
import io.licensegateway.snapshot.Contents;
import io.licensegateway.snapshot.SnapshotWriter;
import io.licensegateway.snapshot.StoredSnapshot;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.UpstreamException;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores one console's fetch result in one transaction: the snapshot (if the fetch succeeded), the attempt
 * row, the console's last-attempt state and the events they raise (webhook outbox: the snapshot's license events,
 * console failing or recovered). If the database fails, nothing of it is committed and the
 * previous snapshot stays current.
 */
@ApplicationScoped
class AttemptRecorder {

    private final Pool pool;
    private final SnapshotWriter snapshots;
    private final Coordination coordination;
    private final Coverage coverage;
    private final ConsoleEvents events;

    AttemptRecorder(@Writes Pool pool, SnapshotWriter snapshots, Coordination coordination, Coverage coverage,
            ConsoleEvents events) {
        this.pool = pool;
        this.snapshots = snapshots;
        this.coordination = coordination;
        this.coverage = coverage;
        this.events = events;
    }

    Uni<ConsoleOutcome> record(long runId, FetchResult result) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Contents contents = result.succeeded() ? Contents.of(result.fetched()) : null;
        return pool.withTransaction(connection -> (contents != null
                ? snapshots.write(connection, runId, result.console(), contents, now)
                : Uni.createFrom().<StoredSnapshot>nullItem())
                .map(stored -> outcome(result, stored))
                // Sent at once, pipelined on the connection: one round trip instead of six. The server runs them in
                // this order, so the console events still read the state before this attempt updates it.
                .call(outcome -> Uni.join().all(
                        insertAttempt(connection, runId, outcome),
                        events.afterAttempt(connection, outcome.console(), outcome.outcome().name(),
                                outcome.errorKind() == null ? null : outcome.errorKind().name(), outcome.error(), now),
                        updateConsoleState(connection, outcome, now),
                        outcome.outcome().succeeded() ? coverage.record(connection, result.console(), now)
                                : Uni.createFrom().voidItem(),
                        coordination.releaseConsole(connection, result.console()),
                        connection.preparedQuery(Commits.NOTIFY).execute(Tuple.of(result.console())).replaceWithVoid())
                        .andFailFast()))
                .onFailure().recoverWithItem(failure -> unrecorded(result.console(), failure));
    }

    /** The outcome when the database failed us: nothing of this attempt was committed. */
    ConsoleOutcome unrecorded(String console, Throwable failure) {
        if (DatabaseFailures.unavailable(failure)) {
            Log.warnf("Could not store the result of console %s, the database is unavailable: %s", console,
                    DatabaseFailures.describe(failure));
        } else {
            Log.errorf("Could not store the result of console %s: %s", console, failure.toString());
        }
        return new ConsoleOutcome(console, Outcome.FAILED, 0, OffsetDateTime.now(ZoneOffset.UTC), 0, ErrorKind.STORAGE,
                "the database could not be reached or refused the write; the previous snapshot stays current", null,
                null);
    }

    private static ConsoleOutcome outcome(FetchResult result, StoredSnapshot stored) {
        UpstreamException failure = result.failure();
        Outcome outcome;
        if (failure != null) {
            outcome = failure.kind() == ErrorKind.CIRCUIT_OPEN ? Outcome.CIRCUIT_OPEN : Outcome.FAILED;
        } else {
            outcome = stored.changed() ? Outcome.UPDATED : Outcome.UNCHANGED;
        }
        boolean succeeded = failure == null;
        return new ConsoleOutcome(result.console(), outcome, result.attempts(),
                result.startedAt().atOffset(ZoneOffset.UTC), result.duration().toMillis(),
                failure == null ? null : failure.kind(), failure == null ? null : failure.getMessage(),
                succeeded ? Integer.valueOf(stored.licenseCount()) : null, succeeded ? stored.snapshotId() : null);
    }

    private static Uni<Void> insertAttempt(SqlConnection connection, long runId, ConsoleOutcome o) {
        return connection.preparedQuery("""
                insert into fetch_attempt (run_id, console, outcome, attempts, started_at, duration_ms, error_kind,
                                           error_message, license_count, snapshot_id)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""")
                .execute(Tuple.from(new Object[] { runId, o.console(), o.outcome().name(), o.attempts(), o.startedAt(),
                        o.durationMs(), o.errorKind() == null ? null : o.errorKind().name(), o.error(), o.licenseCount(),
                        o.snapshotId() }))
                .replaceWithVoid();
    }

    private static Uni<Void> updateConsoleState(SqlConnection connection, ConsoleOutcome o, OffsetDateTime now) {
        return connection.preparedQuery("""
                insert into console_state (console, last_attempt_at, last_outcome, last_error_kind, last_error,
                                           last_success_at)
                values ($1, $2::timestamptz, $3, $4, $5, case when $6 then $2::timestamptz end)
                on conflict (console) do update set last_attempt_at = excluded.last_attempt_at,
                    last_outcome = excluded.last_outcome, last_error_kind = excluded.last_error_kind,
                    last_error = excluded.last_error,
                    last_success_at = coalesce(excluded.last_success_at, console_state.last_success_at)""")
                .execute(Tuple.from(new Object[] { o.console(), now, o.outcome().name(),
                        o.errorKind() == null ? null : o.errorKind().name(), o.error(), o.outcome().succeeded() }))
                .replaceWithVoid();
    }
}
