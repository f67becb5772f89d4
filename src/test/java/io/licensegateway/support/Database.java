package io.licensegateway.support;

import java.time.Duration;

import io.licensegateway.database.Commits;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Test access to the real PostgreSQL the application uses. A change made here is taken into the current view before
 * the call returns, as the application's own commits are.
 */
@ApplicationScoped
public class Database {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Pool pool;
    private final Commits commits;

    Database(Pool pool, Commits commits) {
        this.pool = pool;
        this.commits = commits;
    }

    public void clear() {
        pool.query("truncate license_current, license_history, license_raw, license_rollup, license_notice, webhook_delivery, fetch_attempt, console_state, snapshot, fetch_run, refresh_schedule, console_coverage, company_alias restart identity cascade")
                .execute().call(commits::committed).await().atMost(WAIT);
    }

    public long count(String sql, Object... parameters) {
        Row row = pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(WAIT).iterator().next();
        return row.getLong(0);
    }

    public void execute(String sql, Object... parameters) {
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).call(commits::committed).await().atMost(WAIT);
    }

    public java.util.List<String> strings(String sql, Object... parameters) {
        java.util.List<String> values = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(WAIT).forEach(r -> values.add(r.getString(0)));
        return values;
    }

    public double number(String sql, Object... parameters) {
        Row row = pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(WAIT).iterator().next();
        return row.getDouble(0);
    }

    /** Every row of a query, for checks that need several columns. */
    public java.util.List<Row> rows(String sql, Object... parameters) {
        java.util.List<Row> rows = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(parameters)).await().atMost(WAIT).forEach(rows::add);
        return rows;
    }

    public Long currentSnapshot(String console) {
        var rows = pool.preparedQuery("select current_snapshot_id from console_state where console = $1")
                .execute(Tuple.of(console)).await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next().getLong(0);
    }
}
