package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.licensegateway.console.Console;
import io.licensegateway.console.ConsoleRegistry;
import io.licensegateway.database.Connections;
import io.licensegateway.snapshot.StoreClock;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads the merged view: the current license versions, or the versions valid at a pinned time. Filtering, sorting,
 * counting and paging all happen in PostgreSQL; long results are streamed through a server-side cursor.
 *
 * <p>"As of T" is two branches: current versions that existed at T (nearly all of them) and closed versions that
 * were still valid at T (only those closed since T, few unless T is old). Each branch is ordered and limited on its
 * own, so each is read in the order of an index on its table and stops at the page's end; the union of at most two
 * pages is then sorted.
 */
@ApplicationScoped
public class LicenseRepository {

    /** Every {@link LicenseField}, in declaration order, so column i is field ordinal i. */
    static final String SELECT = "select " + Arrays.stream(LicenseField.values()).map(LicenseField::sql)
            .collect(Collectors.joining(", "));
    static final String CURRENT = " from license_current l";
    private static final String CLOSED = " from license_history l";
    /** The stored columns a branch of the as-of union returns. */
    private static final List<String> COLUMNS = Arrays.stream(LicenseField.values()).filter(LicenseField::stored)
            .map(f -> f.sql().substring(2)).toList();

    private static final int STREAM_FETCH_SIZE = 500;
    /** A client that stops reading a stream must not hold its transaction (and vacuum) open for ever. */
    static final String STALLED_READER_LIMIT = "set local idle_in_transaction_session_timeout = '300s'";

    private final Pool pool;
    private final List<String> registered;

    LicenseRepository(Pool pool, ConsoleRegistry registry) {
        this.pool = pool;
        this.registered = registry.all().stream().map(Console::name).toList();
    }

    /** The latest time whose view no running write can change any more ({@link StoreClock}). */
    Uni<OffsetDateTime> pin() {
        return pool.query(StoreClock.PIN).execute().map(rows -> rows.iterator().next().getOffsetDateTime(0));
    }

    /** One page of the view at {@code at}; {@code after} (keyset) or {@code offset} positions it. */
    Uni<List<Row>> page(OffsetDateTime at, LicenseFilter filter, Sorting sorting, List<Object> after, int limit,
            int offset) {
        SqlBuilder sql = where(filter);
        if (after != null) {
            sorting.after(sql, after);
        }
        return pool.preparedQuery(pageSql(sql, sql.bind(at) + "::timestamptz", sorting, limit, offset))
                .execute(sql.tuple()).map(LicenseRepository::list);
    }

    /**
     * The statement of {@link #page}; binds limit and offset to {@code sql} (the benchmark replays it). The page is
     * chosen among keys and sort values only — in the current branch usually an index-only scan that also checks the
     * enumerated filters and the as-of bound on the index entry (V12's include lists) — and only the page's rows are
     * then read from the tables, however deep the offset.
     */
    static String pageSql(SqlBuilder sql, String at, Sorting sorting, int limit, int offset) {
        String window = sql.bind(limit + offset);
        String orderBy = sorting.orderBy();
        String sortColumns = sorting.keys().stream().map(SortKey::field)
                .filter(f -> f != LicenseField.CONSOLE && f != LicenseField.ID).map(f -> ", " + f.sql())
                .collect(Collectors.joining());
        String currentKeys = "select l.console, l.id, null::timestamptz as version" + sortColumns + CURRENT
                + currentAt(sql, at) + orderBy + " limit " + window;
        String closedKeys = "select l.console, l.id, l.valid_from" + sortColumns + CLOSED + closedAt(sql, at)
                + orderBy + " limit " + window;
        return "with k as materialized (select * from ((" + currentKeys + ") union all (" + closedKeys + ")) l"
                + orderBy + " limit " + sql.bind(limit) + " offset " + sql.bind(offset) + ") "
                + SELECT + " from (select " + prefixed("c") + " from k join license_current c"
                + " on c.console = k.console and c.id = k.id where k.version is null"
                + " union all select " + prefixed("h") + " from k join license_history h"
                + " on h.console = k.console and h.id = k.id and h.valid_from = k.version) l" + orderBy;
    }

    /**
     * How many rows of the view at {@code at} match, counted up to {@code bound}: counting stops there, so a count
     * never costs more than reading {@code bound} index entries.
     */
    Uni<Long> count(OffsetDateTime at, LicenseFilter filter, int bound) {
        SqlBuilder sql = where(filter);
        return pool.preparedQuery(countSql(sql, sql.bind(at) + "::timestamptz", sql.bind(bound))).execute(sql.tuple())
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The statement of {@link #count}. */
    static String countSql(SqlBuilder sql, String at, String bound) {
        return "select (select count(*) from (select 1" + CURRENT + currentAt(sql, at) + " limit " + bound
                + ") a) + (select count(*) from (select 1" + CLOSED + closedAt(sql, at) + " limit " + bound + ") b)";
    }

    /** The statement of {@link #current} (the benchmark replays it). */
    static final String ONE = SELECT + CURRENT + " where l.console = $1 and l.id = $2";

    /** The current license, or null. */
    Uni<Row> current(String console, String id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(console, id))
                .map(rows -> rows.iterator().hasNext() ? rows.iterator().next() : null);
    }

    /** Every current row matching {@code sql}'s conditions, in order, read through a cursor (memory stays flat). */
    Multi<Row> stream(SqlBuilder sql, String orderBy) {
        return stream(streamSql(sql, orderBy), sql);
    }

    /** The statement of {@link #stream(SqlBuilder, String)} (the benchmark replays it). */
    static String streamSql(SqlBuilder sql, String orderBy) {
        return SELECT + CURRENT + sql.whereClause() + orderBy;
    }

    /** Every row of the view at {@code at} matching the filter, in order, read through a cursor. */
    Multi<Row> streamAsOf(OffsetDateTime at, LicenseFilter filter, String orderBy) {
        SqlBuilder sql = where(filter);
        return stream(SELECT + viewAt(sql, sql.bind(at) + "::timestamptz") + orderBy, sql);
    }

    /**
     * {@code from} the rows of the view at {@code at} that match {@code sql}'s conditions, aliased {@code l}: the
     * current versions begun by then and the closed versions valid then.
     */
    static String viewAt(SqlBuilder sql, String at) {
        return " from ((select " + prefixed("l") + CURRENT + currentAt(sql, at) + ") union all (select "
                + prefixed("l") + CLOSED + closedAt(sql, at) + ")) l";
    }

    /** The rows of a statement, read through a cursor in a transaction of their own. */
    Multi<Row> stream(String text, SqlBuilder sql) {
        return Connections.borrow(pool).toMulti().flatMap(connection -> connection.begin().toMulti()
                .flatMap(tx -> connection.query(STALLED_READER_LIMIT).execute().toMulti()
                        .flatMap(ignored -> connection.prepare(text).toMulti())
                        .flatMap(statement -> statement.createStream(STREAM_FETCH_SIZE, sql.tuple()).toMulti()
                                .onTermination().call(statement::close))
                        .onCompletion().call(tx::commit))
                .onTermination().call(connection::close));
    }

    /** The filter's conditions, within the configured consoles (a console removed from the configuration is gone). */
    SqlBuilder where(LicenseFilter filter) {
        return where(registered, filter);
    }

    /**
     * {@code consoles} are the configured names; the console filter picks among them case-insensitively here, so the
     * statement names the consoles exactly and the planner can use their statistics.
     */
    static SqlBuilder where(List<String> consoles, LicenseFilter filter) {
        SqlBuilder sql = new SqlBuilder();
        String[] chosen = consoles.stream().filter(filter::includesConsole).toArray(String[]::new);
        sql.where(chosen.length == 1 ? "l.console = " + sql.bind(chosen[0]) + "::text"
                : "l.console = any(" + sql.bind(chosen) + "::text[])");
        filter.appendTo(sql);
        return sql;
    }

    /** The conditions of the current branch of the view at {@code at}: the filter, and versions begun by then. */
    private static String currentAt(SqlBuilder sql, String at) {
        return sql.whereClause() + " and l.valid_from <= " + at;
    }

    /** The conditions of the closed branch of the view at {@code at}: the filter, and versions valid then. */
    private static String closedAt(SqlBuilder sql, String at) {
        return currentAt(sql, at) + " and l.valid_to > " + at;
    }

    /** The stored columns of {@code alias}, in {@link #SELECT}'s order. */
    static String prefixed(String alias) {
        return COLUMNS.stream().map(c -> alias + "." + c).collect(Collectors.joining(", "));
    }

    private static List<Row> list(Iterable<Row> rows) {
        List<Row> list = new ArrayList<>();
        rows.forEach(list::add);
        return list;
    }
}
