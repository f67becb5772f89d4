package io.licensegateway.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads licenses of a given set of snapshots (normally every console's current one). Filtering, sorting,
 * counting and paging all happen in PostgreSQL; long results are streamed through a server-side cursor.
 */
@ApplicationScoped
public class LicenseRepository {

    /** Every {@link LicenseField}, in declaration order, so column i is field ordinal i. */
    static final String SELECT = "select " + Arrays.stream(LicenseField.values()).map(LicenseField::sql)
            .collect(Collectors.joining(", "));
    static final String FROM = " from license l join snapshot s on s.id = l.snapshot_id";

    private static final int STREAM_FETCH_SIZE = 500;
    /** A client that stops reading a stream must not hold its transaction (and vacuum) open for ever. */
    private static final String STALLED_READER_LIMIT = "set local idle_in_transaction_session_timeout = '300s'";

    private final Pool pool;

    LicenseRepository(Pool pool) {
        this.pool = pool;
    }

    /** One page; {@code after} (keyset) or {@code offset} positions it. */
    Uni<List<Row>> page(List<Long> snapshots, LicenseFilter filter, Sorting sorting, List<Object> after, int limit,
            int offset) {
        SqlBuilder sql = where(snapshots, filter);
        if (after != null) {
            sorting.after(sql, after);
        }
        return pool.preparedQuery(pageSql(sql, sorting, limit, offset)).execute(sql.tuple())
                .map(LicenseRepository::list);
    }

    /** The statement of {@link #page}; binds limit and offset to {@code sql} (the benchmark replays it). */
    static String pageSql(SqlBuilder sql, Sorting sorting, int limit, int offset) {
        return SELECT + FROM + sql.whereClause() + sorting.orderBy() + " limit " + sql.bind(limit) + " offset "
                + sql.bind(offset);
    }

    Uni<Long> count(List<Long> snapshots, LicenseFilter filter) {
        SqlBuilder sql = where(snapshots, filter);
        return pool.preparedQuery(countSql(sql)).execute(sql.tuple())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The statement of {@link #count}. */
    static String countSql(SqlBuilder sql) {
        return "select count(*)" + FROM + sql.whereClause();
    }

    /** How many of these snapshots still exist (old ones are pruned). */
    Uni<Integer> existing(List<Long> snapshots) {
        return pool.preparedQuery("select count(*) from snapshot where id = any($1)")
                .execute(Tuple.of(snapshots.toArray(Long[]::new)))
                .map(rows -> rows.iterator().next().getLong(0).intValue());
    }

    /** The license in the console's current snapshot, or null. */
    Uni<Row> current(String console, String id) {
        return pool.preparedQuery(SELECT + FROM + " join console_state c on c.current_snapshot_id = l.snapshot_id"
                + " where l.console = $1 and l.id = $2").execute(Tuple.of(console, id))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    /** Every matching row, in order, read through a cursor so memory stays flat however many rows match. */
    Multi<Row> stream(SqlBuilder sql, String orderBy) {
        String text = SELECT + FROM + sql.whereClause() + orderBy;
        return pool.getConnection().toMulti().flatMap(connection -> connection.begin().toMulti()
                .flatMap(tx -> connection.query(STALLED_READER_LIMIT).execute().toMulti()
                        .flatMap(ignored -> connection.prepare(text).toMulti())
                        .flatMap(statement -> statement.createStream(STREAM_FETCH_SIZE, sql.tuple()).toMulti()
                                .onTermination().call(statement::close))
                        .onCompletion().call(tx::commit))
                .onTermination().call(connection::close));
    }

    static SqlBuilder where(List<Long> snapshots, LicenseFilter filter) {
        SqlBuilder sql = new SqlBuilder();
        sql.where("l.snapshot_id = any(" + sql.bind(snapshots.toArray(Long[]::new)) + "::int8[])");
        filter.appendTo(sql);
        return sql;
    }

    private static List<Row> list(Iterable<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }
}
