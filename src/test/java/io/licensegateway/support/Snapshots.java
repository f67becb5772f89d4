package io.licensegateway.support;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.licensegateway.database.Commits;
import io.licensegateway.snapshot.Contents;
import io.licensegateway.snapshot.SnapshotWriter;
import io.licensegateway.upstream.Fetched;
import io.licensegateway.upstream.PageDigests;
import io.licensegateway.upstream.UpstreamLicense;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores a fixed license list as a console's current snapshot through the application's own writer, announced as a
 * commit as a refresh announces it, and returns once the current view holds it.
 */
@ApplicationScoped
public class Snapshots {

    private final Pool pool;
    private final SnapshotWriter writer;
    private final Commits commits;

    Snapshots(Pool pool, SnapshotWriter writer, Commits commits) {
        this.pool = pool;
        this.writer = writer;
        this.commits = commits;
    }

    public long store(String console, List<UpstreamLicense> licenses) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection
                .preparedQuery("insert into fetch_run (trigger, started_at) values ('MANUAL', $1) returning id")
                .execute(Tuple.of(now))
                .flatMap(rows -> writer.write(connection, rows.iterator().next().getLong(0), console, Contents.of(new Fetched(licenses, PageDigests.NONE)), now))
                .call(stored -> connection.preparedQuery(Commits.NOTIFY).execute(Tuple.of(console))))
                .call(commits::committed)
                .await().atMost(Duration.ofSeconds(10)).snapshotId();
    }
}
