package io.licensegateway.operations;

import io.licensegateway.fetch.Outcome;
import io.licensegateway.fetch.RunReport;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the planner's statistics of the version tables true after a run that rewrote much of them. Autovacuum would
 * analyse them too (V12 lowers their thresholds to 2 % and 5 %), but only at its next wake-up, up to a minute later;
 * a first refresh, or one that replaces most licenses, should not leave the API planning from the old numbers for
 * that long. ANALYZE samples a fixed number of rows, so its cost does not grow with the table.
 */
@ApplicationScoped
class PlannerStatistics {

    /** Analyse a table once this share of its rows changed since its last analysis. */
    private static final double CHANGED_SHARE = 0.1;

    private final Pool pool;

    PlannerStatistics(Pool pool) {
        this.pool = pool;
    }

    /** Called on the event loop: starts the work and returns at once. */
    void onRun(@Observes RunReport run) {
        if (run.consoles().stream().noneMatch(c -> c.outcome() == Outcome.UPDATED)) {
            return;
        }
        pool.preparedQuery("""
                select relname from pg_stat_user_tables
                where relname in ('license_current', 'license_history')
                  and n_mod_since_analyze > 50 + $1 * greatest(n_live_tup, 0)""")
                .execute(Tuple.of(CHANGED_SHARE))
                .onItem().transformToMulti(rows -> Multi.createFrom().iterable(rows))
                .onItem().transformToUniAndConcatenate(row -> pool.query("analyze " + row.getString(0)).execute())
                .collect().last()
                .subscribe().with(ignored -> {
                }, failure -> Log.warnf("Could not analyse the license tables: %s", failure.toString()));
    }
}
