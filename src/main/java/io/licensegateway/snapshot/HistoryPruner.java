package io.licensegateway.snapshot;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.licensegateway.database.Writes;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Prunes the store to {@code gateway.history.retention} (and to {@code gateway.snapshots.keep} snapshots when that
 * is set), after a refresh run and never inside a console's write transaction. Each console's edge is the earliest
 * time whose view stays whole: {@code console_state.history_from} moves there first (reads before it answer 410),
 * then every statement is its own short transaction:
 * <ul>
 * <li>snapshots older than the one current at the edge go (that one stays: {@code asOf} at the edge names it);</li>
 * <li>closed versions that ended at or before the edge, with their items, go in batches of
 * {@code gateway.history.prune-batch} rows ({@code ctid in (select … limit n)}), so no statement holds locks on more
 * than one batch. The version valid at the edge ended after it and stays, however old its {@code valid_from}.</li>
 * </ul>
 * A pass deletes at most {@code prune-batches-per-pass} batches; a backlog (a shortened retention) is worked off
 * over the next runs. Two instances pruning at once delete disjoint or already deleted rows: no lock is needed.
 */
@ApplicationScoped
public class HistoryPruner {

    /** Moves each console's edge forward (never back): {@code $1} now − retention, {@code $2} keep or null. */
    private static final String MOVE_EDGES = """
            update console_state c set history_from = e.edge
            from (select c2.console,
                         greatest($1::timestamptz,
                                  case when $2::int is null then null
                                       else (select s.valid_from from snapshot s where s.console = c2.console
                                             order by s.valid_from desc offset greatest($2::int - 1, 0) limit 1) end) as edge
                  from console_state c2) e
            where c.console = e.console and e.edge > coalesce(c.history_from, '-infinity'::timestamptz)""";

    /** Snapshots older than the one that was current at the console's edge. */
    private static final String DROP_SNAPSHOTS = """
            delete from snapshot s using console_state c
            where s.console = c.console and c.history_from is not null
              and s.valid_from < (select max(k.valid_from) from snapshot k
                                  where k.console = c.console and k.valid_from <= c.history_from)""";

    /** One batch of closed versions that ended at or before their console's edge, with their items. */
    private static final String DROP_VERSIONS = """
            with gone as (delete from license_history h
                          where h.ctid in (select v.ctid from console_state c join license_history v
                                             on v.console = c.console and v.valid_to <= c.history_from
                                           limit $1)
                          returning h.console, h.id, h.valid_from),
                 bodies as (delete from license_raw r using gone g
                            where r.console = g.console and r.id = g.id and r.valid_from = g.valid_from)
            select count(*) from gone""";

    private final Pool pool;
    private final HistoryConfig config;

    HistoryPruner(@Writes Pool pool, HistoryConfig config) {
        this.pool = pool;
        this.config = config;
    }

    /** One pass at the configured retention; a failure is logged, never passed on (the next pass retries). */
    public Uni<Void> prune() {
        OffsetDateTime edge = OffsetDateTime.now(ZoneOffset.UTC).minus(config.history().retention());
        return pruneBefore(edge, config.history().pruneBatch(), config.history().pruneBatchesPerPass())
                .invoke(versions -> {
                    if (versions > 0) {
                        Log.infof("Pruned %d license versions that ended before %s", versions, edge);
                    }
                })
                .onFailure().invoke(failure -> Log.warnf("Pruning the license history failed (next run retries): %s",
                        failure.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Prunes with {@code edge} as the time bound; the number of closed versions deleted. */
    public Uni<Long> pruneBefore(OffsetDateTime edge, int batch, int batches) {
        return pool.preparedQuery(MOVE_EDGES).execute(Tuple.of(edge, config.snapshots().keep().orElse(null)))
                .flatMap(ignored -> pool.query(DROP_SNAPSHOTS).execute())
                .flatMap(ignored -> dropVersions(batch, batches, 0));
    }

    private Uni<Long> dropVersions(int batch, int batchesLeft, long deleted) {
        if (batchesLeft == 0) {
            return Uni.createFrom().item(deleted);
        }
        return pool.preparedQuery(DROP_VERSIONS).execute(Tuple.of(batch))
                .map(rows -> rows.iterator().next().getLong(0))
                .flatMap(count -> count < batch ? Uni.createFrom().item(deleted + count)
                        : dropVersions(batch, batchesLeft - 1, deleted + count));
    }
}
