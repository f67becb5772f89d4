package io.licensegateway.snapshot;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.licensegateway.notify.LicenseEvents;
import io.licensegateway.upstream.PageDigests;
import io.licensegateway.upstream.UpstreamLicense;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a console's complete license list as its new current snapshot, inside the caller's transaction. It locks
 * the console's row, and either confirms the current snapshot (identical content, or the very pages it was read from:
 * nothing else is written) or
 * writes only what changed: licenses that are new or whose digest moved get a new current version, replaced and
 * vanished ones have their version closed (moved to the history), unchanged ones keep theirs; the console's summary
 * rows ({@code license_rollup}, V13) are rebuilt. A snapshot row records the fetch and the console's pointer moves
 * to it. Pruning is not the writer's: {@link HistoryPruner} runs after the refresh run, outside this transaction.
 * The license events of the write (webhooks: expiring, expired, over-used, status changed) go to the outbox in the
 * same transaction ({@link LicenseEvents}).
 */
@ApplicationScoped
public class SnapshotWriter {

    private final LicenseEvents events;

    SnapshotWriter(LicenseEvents events) {
        this.events = events;
    }

    public Uni<StoredSnapshot> write(SqlConnection connection, long runId, String console, Contents contents,
            OffsetDateTime now) {
        return lockConsole(connection, console).flatMap(current -> {
            if (contents.unchanged()) {
                return confirmSamePages(connection, console, current, contents, now);
            }
            List<UpstreamLicense> licenses = contents.licenses();
            String hash = contents.hash();
            if (current != null && hash.equals(current.getString("content_hash"))) {
                return confirm(connection, current.getLong("id"), now, licenses.size(), contents.pages())
                        .call(ignored -> events.afterWrite(connection, console, null, List.of()));
            }
            return connection.preparedQuery(StoreClock.STAMP)
                    .execute(Tuple.of(current == null ? null : current.getOffsetDateTime("valid_from")))
                    .map(rows -> rows.iterator().next().getOffsetDateTime(0))
                    .flatMap(stamp -> writeChanges(connection, console, licenses, contents.digests(), stamp)
                            .call(removed -> events.afterWrite(connection, console, stamp, removed))
                            .flatMap(removed -> insertSnapshot(connection, runId, console, contents, now, stamp)));
        });
    }

    /**
     * The console answered the very pages of its current snapshot. Under the console's lease nobody else can have
     * stored a snapshot since they were read; if one did anyway, nothing is confirmed.
     */
    private Uni<StoredSnapshot> confirmSamePages(SqlConnection connection, String console, Row current,
            Contents contents, OffsetDateTime now) {
        if (current == null || !PageDigests.fromJson(current.getJsonObject("page_digests")).equals(contents.pages())) {
            return Uni.createFrom().failure(new IllegalStateException("the current snapshot of console " + console
                    + " changed while it was fetched; nothing was stored"));
        }
        return confirm(connection, current.getLong("id"), now, current.getInteger("license_count"), contents.pages())
                .call(ignored -> events.afterWrite(connection, console, null, List.of()));
    }

    /** The console's current snapshot, or null; the console's row stays locked until commit. */
    private Uni<Row> lockConsole(SqlConnection connection, String console) {
        // both sent at once (pipelined): the select runs after the insert
        return Uni.combine().all().unis(
                connection.preparedQuery("insert into console_state (console) values ($1) on conflict do nothing")
                        .execute(Tuple.of(console)),
                connection.preparedQuery("""
                        select s.id, s.content_hash, s.valid_from, s.license_count, s.page_digests from console_state c
                        left join snapshot s on s.id = c.current_snapshot_id
                        where c.console = $1 for update of c""").execute(Tuple.of(console)))
                .with((inserted, rows) -> {
                    Row row = rows.iterator().next();
                    return row.getLong("id") == null ? null : row;
                });
    }

    private Uni<StoredSnapshot> confirm(SqlConnection connection, long snapshotId, OffsetDateTime now, int count,
            PageDigests pages) {
        // the content is the same, the bytes may not be (a console that reorders fields): keep the pages just read
        return connection.preparedQuery("update snapshot set confirmed_at = $2, page_digests = $3 where id = $1")
                .execute(Tuple.of(snapshotId, now, pages.toJson()))
                .map(ignored -> new StoredSnapshot(snapshotId, false, count));
    }

    /** Compares digests with the current versions and writes the difference; answers the ids no longer served. */
    private Uni<List<String>> writeChanges(SqlConnection connection, String console, List<UpstreamLicense> licenses,
            byte[][] digests, OffsetDateTime stamp) {
        return connection.preparedQuery("select id, digest from license_current where console = $1")
                .execute(Tuple.of(console))
                .flatMap(rows -> {
                    Map<String, byte[]> stored = new HashMap<>();
                    rows.forEach(row -> stored.put(row.getString(0),
                            row.getBuffer(1) == null ? null : row.getBuffer(1).getBytes()));
                    Diff diff = new Diff(licenses, digests, stored);
                    return adoptDigests(connection, console, diff)
                            .flatMap(ignored -> diff.apply(connection, console, stamp))
                            .flatMap(ignored -> connection.preparedQuery("select rebuild_license_rollup($1)")
                                    .execute(Tuple.of(console)))
                            .map(ignored -> diff.removed);
                });
    }

    /**
     * Versions migrated from the previous layout have no digest: those whose stored item equals the incoming one
     * take its digest and stay; the rest are changes.
     */
    private static Uni<Void> adoptDigests(SqlConnection connection, String console, Diff diff) {
        if (diff.unknown.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery("""
                update license_current c set digest = t.digest
                from unnest($2::text[], $3::bytea[], $4::bytea[], $5::text[]) as t(id, digest, raw, backup_server_name),
                     license_raw r
                where c.console = $1 and c.id = t.id and c.digest is null
                  and r.console = c.console and r.id = c.id and r.valid_from = c.valid_from and r.raw = convert_from(t.raw, 'UTF8')::jsonb
                  and c.backup_server_name is not distinct from t.backup_server_name
                returning c.id""")
                .execute(Tuple.of(console, diff.unknown.stream().map(i -> diff.licenses.get(i).id()).toArray(String[]::new),
                        diff.unknown.stream().map(i -> Buffer.buffer(diff.digests[i])).toArray(Buffer[]::new),
                        diff.unknown.stream().map(i -> Buffer.buffer(diff.licenses.get(i).raw())).toArray(Buffer[]::new),
                        diff.unknown.stream().map(i -> diff.licenses.get(i).backupServerName()).toArray(String[]::new)))
                .invoke(rows -> {
                    Set<String> same = new HashSet<>();
                    rows.forEach(row -> same.add(row.getString(0)));
                    for (int i : diff.unknown) {
                        if (!same.contains(diff.licenses.get(i).id())) {
                            diff.changed.add(i);
                            diff.closed.add(diff.licenses.get(i).id());
                        }
                    }
                })
                .replaceWithVoid();
    }

    private Uni<StoredSnapshot> insertSnapshot(SqlConnection connection, long runId, String console, Contents contents,
            OffsetDateTime now, OffsetDateTime stamp) {
        int count = contents.licenses().size();
        return connection.preparedQuery("""
                insert into snapshot (console, run_id, fetched_at, confirmed_at, content_hash, license_count, valid_from,
                                      page_digests)
                values ($1, $2, $3, $3, $4, $5, $6, $7) returning id""")
                .execute(Tuple.from(new Object[] { console, runId, now, contents.hash(), count, stamp,
                        contents.pages().toJson() }))
                .map(rows -> rows.iterator().next().getLong("id"))
                .call(id -> connection.preparedQuery("update console_state set current_snapshot_id = $2 where console = $1")
                        .execute(Tuple.of(console, id)))
                .map(id -> new StoredSnapshot(id, true, count));
    }

    /** What one fetch changes against the console's current versions. */
    private static final class Diff {

        final List<UpstreamLicense> licenses;
        final byte[][] digests;
        /** Indexes into {@code licenses} of new versions to write. */
        final List<Integer> changed = new ArrayList<>();
        /** Ids whose current version closes: replaced or gone. */
        final List<String> closed = new ArrayList<>();
        /** Indexes of licenses whose stored version has no digest yet (migrated). */
        final List<Integer> unknown = new ArrayList<>();
        /** Ids the console no longer serves. */
        final List<String> removed = new ArrayList<>();

        Diff(List<UpstreamLicense> licenses, byte[][] digests, Map<String, byte[]> stored) {
            this.licenses = licenses;
            this.digests = digests;
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < licenses.size(); i++) {
                String id = licenses.get(i).id();
                seen.add(id);
                if (!stored.containsKey(id)) {
                    changed.add(i);
                } else if (stored.get(id) == null) {
                    unknown.add(i);
                } else if (!Arrays.equals(stored.get(id), digests[i])) {
                    changed.add(i);
                    closed.add(id);
                }
            }
            stored.keySet().stream().filter(id -> !seen.contains(id)).forEach(removed::add);
            closed.addAll(removed);
        }

        Uni<Void> apply(SqlConnection connection, String console, OffsetDateTime stamp) {
            Uni<Void> close = closed.isEmpty() ? Uni.createFrom().voidItem()
                    : connection.preparedQuery(LicenseColumns.CLOSE)
                            .execute(Tuple.of(console, closed.toArray(String[]::new), stamp)).replaceWithVoid();
            return close.flatMap(ignored -> changed.isEmpty() ? Uni.createFrom().voidItem()
                    : connection.preparedQuery(LicenseColumns.INSERT)
                            .execute(LicenseColumns.parameters(console, stamp,
                                    changed.stream().map(licenses::get).toList(),
                                    changed.stream().map(i -> digests[i]).toList()))
                            .replaceWithVoid());
        }
    }
}
