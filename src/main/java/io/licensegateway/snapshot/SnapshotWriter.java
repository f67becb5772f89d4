package io.licensegateway.snapshot;

import java.time.OffsetDateTime;
import java.util.List;

import io.licensegateway.console.GatewayConfig;
import io.licensegateway.upstream.UpstreamLicense;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a console's complete license list as its new current snapshot, inside the caller's transaction:
 * locks the console's row, and either confirms the current snapshot (identical content, no rows copied) or
 * inserts a new snapshot with all its licenses in one statement and moves the pointer. Older snapshots beyond
 * {@code gateway.snapshots.keep} are pruned.
 */
@ApplicationScoped
public class SnapshotWriter {

    private final GatewayConfig config;

    SnapshotWriter(GatewayConfig config) {
        this.config = config;
    }

    public Uni<StoredSnapshot> write(SqlConnection connection, long runId, String console,
            List<UpstreamLicense> licenses, OffsetDateTime now) {
        String hash = ContentHash.of(licenses);
        return lockConsole(connection, console)
                .flatMap(current -> current != null && hash.equals(current.getString("content_hash"))
                        ? confirm(connection, current.getLong("id"), now, licenses.size())
                        : insert(connection, runId, console, licenses, hash, now));
    }

    /** The console's current snapshot (id, hash), or null; the console's row stays locked until commit. */
    private Uni<Row> lockConsole(SqlConnection connection, String console) {
        return connection.preparedQuery("insert into console_state (console) values ($1) on conflict do nothing")
                .execute(Tuple.of(console))
                .flatMap(ignored -> connection.preparedQuery("""
                        select s.id, s.content_hash from console_state c
                        left join snapshot s on s.id = c.current_snapshot_id
                        where c.console = $1 for update of c""").execute(Tuple.of(console)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getLong("id") == null ? null : row;
                });
    }

    private Uni<StoredSnapshot> confirm(SqlConnection connection, long snapshotId, OffsetDateTime now, int count) {
        return connection.preparedQuery("update snapshot set confirmed_at = $2 where id = $1")
                .execute(Tuple.of(snapshotId, now))
                .map(ignored -> new StoredSnapshot(snapshotId, false, count));
    }

    private Uni<StoredSnapshot> insert(SqlConnection connection, long runId, String console,
            List<UpstreamLicense> licenses, String hash, OffsetDateTime now) {
        return connection.preparedQuery("""
                insert into snapshot (console, run_id, fetched_at, confirmed_at, content_hash, license_count)
                values ($1, $2, $3, $3, $4, $5) returning id""")
                .execute(Tuple.of(console, runId, now, hash, licenses.size()))
                .map(rows -> rows.iterator().next().getLong("id"))
                .call(id -> licenses.isEmpty() ? Uni.createFrom().voidItem()
                        : connection.preparedQuery(LicenseColumns.INSERT)
                                .execute(LicenseColumns.parameters(id, console, licenses)))
                .call(id -> connection.preparedQuery("update console_state set current_snapshot_id = $2 where console = $1")
                        .execute(Tuple.of(console, id)))
                .call(id -> connection.preparedQuery("""
                        delete from snapshot where console = $1 and id < (
                            select min(id) from (select id from snapshot where console = $1 order by id desc limit $2) kept)""")
                        .execute(Tuple.of(console, config.snapshots().keep())))
                .map(id -> new StoredSnapshot(id, true, licenses.size()));
    }
}
