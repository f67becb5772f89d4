package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.security.Signer;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * {@code GET /api/v1/changes}: what changed between refreshes, derived from the versions (nothing is written for it).
 * A version that began at T replaced the version of the same license that ended at T (a change, one entry per
 * {@link ChangeKind} whose fields differ) or none (an addition); a closed version that no version follows at its end
 * is a removal at that time.
 *
 * <p>A request reads the window {@code (since, until]} with {@code until} at most the pinned time of
 * {@link io.licensegateway.snapshot.StoreClock}: no write can still appear at or before it, so the window's changes are
 * fixed, and paging it by the key (at, console, id, kind) gives each exactly once. The last page's cursor starts the
 * next window at this one's {@code until}.
 */
@ApplicationScoped
public class ChangeFeed {

    static final Set<String> PARAMETERS = Set.of("since", "until", "console", "company", "kind", "limit", "cursor");
    private static final String CURSOR_KIND = "changes";
    private static final List<LicenseField> STORED = Arrays.stream(LicenseField.values()).filter(LicenseField::stored)
            .toList();
    /** The prefixes of a row's columns of the change's new version and of its old one. */
    private static final String NEW = "new_";
    private static final String OLD = "old_";
    /** Sorts after every kind in the "C" collation: a key past all entries of its row. */
    private static final String AFTER_EVERY_KIND = "~";

    private final Pool pool;
    private final LicenseRepository licenses;
    private final ConsoleStatuses statuses;
    private final Signer signer;
    private final ObjectMapper json;

    ChangeFeed(Pool pool, LicenseRepository licenses, ConsoleStatuses statuses, Signer signer, ObjectMapper json) {
        this.pool = pool;
        this.licenses = licenses;
        this.statuses = statuses;
        this.signer = signer;
        this.json = json;
    }

    /** The window and position a request reads; {@code until} null = the pinned present. */
    private record Window(OffsetDateTime since, OffsetDateTime until, List<String> after) {
    }

    public Uni<ChangePage> changes(MultivaluedMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        // the company filter is LicenseFilter's: where that learns the company key, the feed follows
        LicenseFilter filter = new LicenseFilter(parameters.list("console"), List.of(), List.of(), List.of(),
                parameters.single("company"), null, null, null, null, null);
        List<ChangeKind> kinds = parameters.list("kind").stream().map(name -> ChangeKind.byApiName(name)
                .orElseThrow(() -> ProblemException.badParameter("kind", "'" + name + "' is not one of "
                        + ChangeKind.apiNames()))).distinct().sorted().toList();
        int limit = parameters.integer("limit", 100, 1, 1000);
        String canonical = filter.canonical() + "|" + kinds.stream().map(ChangeKind::apiName)
                .collect(Collectors.joining(","));
        String cursorText = parameters.single("cursor");
        OffsetDateTime since = parameters.dateTime("since");
        OffsetDateTime until = parameters.dateTime("until");
        if (cursorText != null && (since != null || until != null)) {
            throw ProblemException.badParameter("cursor", "the cursor carries its window; leave out since and until");
        }
        if (since != null && since.isAfter(OffsetDateTime.now())) {
            throw ProblemException.badParameter("since", "lies in the future");
        }
        Uni<Window> window = cursorText == null ? Uni.createFrom().item(new Window(since, until, List.of()))
                : Cursor.decode(cursorText, json, signer).map(c -> window(c, canonical));
        return window.flatMap(w -> Uni.combine().all().unis(licenses.pin(), statuses.stored()).asTuple().flatMap(now -> {
            OffsetDateTime pin = now.getItem1();
            OffsetDateTime end = w.until() == null || w.until().isAfter(pin) ? pin : w.until();
            List<OffsetDateTime> edges = now.getItem2().stream().filter(c -> filter.includesConsole(c.name()))
                    .map(ConsoleStatus::historyFrom).filter(Objects::nonNull).toList();
            OffsetDateTime start = w.since() != null ? w.since()
                    : edges.stream().max(OffsetDateTime::compareTo).orElse(null);
            // what is left to read begins at the page's key: the edge may have moved past the window's start since
            OffsetDateTime position = w.after().isEmpty() ? start : OffsetDateTime.parse(w.after().get(0));
            if (position != null) {
                ViewPoints.checkKept(position, edges.stream());
            }
            if (start != null && !start.isBefore(end)) {
                return nextWindow(start, canonical).map(cursor -> new ChangePage(List.of(),
                        new ChangePage.Meta(start, end, limit, false, cursor)));
            }
            SqlBuilder sql = licenses.where(filter);
            String text = sql(sql, start, end, kinds, w.after(), limit + 1);
            return pool.preparedQuery(text).execute(sql.tuple())
                    .flatMap(rows -> page(rows, start, end, limit, canonical));
        }));
    }

    /**
     * The page of the statement's rows: {@code limit} entries; the cursor goes on after the last entry shown, after
     * the base's cut, or (neither) opens the next window at {@code end}.
     */
    private Uni<ChangePage> page(Iterable<Row> rows, OffsetDateTime start, OffsetDateTime end, int limit,
            String canonical) {
        List<Row> list = new ArrayList<>();
        Row cut = null;
        for (Row row : rows) {
            if (row.getString("kind") == null) {
                cut = row;
            } else {
                list.add(row);
            }
        }
        List<Row> shown = list.size() > limit ? list.subList(0, limit) : list;
        Uni<String> next;
        if (list.size() > limit) {
            Row last = shown.get(shown.size() - 1);
            next = continuation(start, end, last, last.getString("kind"), canonical);
        } else if (cut != null) {
            // every entry up to the cut was read (maybe fewer than limit, or none): go on after its row
            next = continuation(start, end, cut, AFTER_EVERY_KIND, canonical);
        } else {
            next = null;
        }
        boolean more = next != null;
        return (more ? next : nextWindow(end, canonical)).map(cursor -> new ChangePage(
                shown.stream().map(ChangeFeed::change).toList(), new ChangePage.Meta(start, end, limit, more, cursor)));
    }

    /**
     * The statement: changes in {@code (since, until]} of the consoles and companies {@code sql} names (alias
     * {@code l}), of {@code kinds} (empty: all), after the key {@code after} (empty: from the start).
     *
     * <p>It reads at most {@code rows} versions and removals (the {@code base}, in key order, each table's range read
     * in index order and stopped there), so a page costs the same however many changes the window holds. Their
     * entries come in key order; when the base was cut at {@code rows}, a last row with a null kind names the last
     * base key read: every entry up to it was read, none after it.
     */
    static String sql(SqlBuilder sql, OffsetDateTime since, OffsetDateTime until, List<ChangeKind> kinds,
            List<String> after, int rows) {
        String where = sql.whereClause();
        String lower = since == null ? null : sql.bind(since) + "::timestamptz";
        String upper = sql.bind(until) + "::timestamptz";
        String[] key = after.isEmpty() ? null : new String[] { sql.bind(OffsetDateTime.parse(after.get(0))) + "::timestamptz",
                sql.bind(after.get(1)) + "::text", sql.bind(after.get(2)) + "::text", sql.bind(after.get(3)) + "::text" };
        String limit = sql.bind(rows);
        boolean changes = kinds.isEmpty() || kinds.stream().anyMatch(k -> k != ChangeKind.REMOVED);
        boolean removals = kinds.isEmpty() || kinds.contains(ChangeKind.REMOVED);
        List<String> base = new ArrayList<>();
        if (changes) {
            for (String table : List.of("license_current", "license_history")) {
                base.add("(select false as removal, l.valid_from as at, l.console, l.id, l.valid_from from " + table
                        + " l" + where + window("l.valid_from", lower, upper, key)
                        + " order by l.valid_from, l.console, l.id limit " + limit + ")");
            }
        }
        if (removals) {
            // every version that ended: most were replaced (no entry), a few removed; the base counts both, so a
            // window of many changes costs no more per page
            base.add("(select true as removal, l.valid_to as at, l.console, l.id, l.valid_from from license_history l"
                    + where + window("l.valid_to", lower, upper, key)
                    + " order by l.valid_to, l.console, l.id limit " + limit + ")");
        }
        String nothing = STORED.stream().map(f -> "null::" + f.type().sqlType()).collect(Collectors.joining(", "));
        List<String> entries = new ArrayList<>();
        if (changes) {
            entries.add(opened());
        }
        if (removals) {
            entries.add("select b.at, b.console, b.id, 'removed'::text, " + nothing + ", "
                    + LicenseRepository.prefixed("p") + " from base b join license_history p on p.console = b.console"
                    + " and p.id = b.id and p.valid_from = b.valid_from where b.removal"
                    // removed: no version of the license follows when this one ended
                    + " and not exists (select 1 from license_current s"
                    + " where s.console = b.console and s.id = b.id and s.valid_from = b.at)"
                    + " and not exists (select 1 from license_history s"
                    + " where s.console = b.console and s.id = b.id and s.valid_from = b.at)");
        }
        List<String> conditions = new ArrayList<>();
        if (!kinds.isEmpty()) {
            conditions.add("e.kind = any(" + sql.bind(kinds.stream().map(ChangeKind::apiName).toArray(String[]::new))
                    + "::text[])");
        }
        if (key != null) {
            conditions.add("((e.at, e.console, e.id) > (" + key[0] + ", " + key[1] + ", " + key[2] + ") or ((e.at, "
                    + "e.console, e.id) = (" + key[0] + ", " + key[1] + ", " + key[2] + ") and e.kind collate \"C\" > "
                    + key[3] + " collate \"C\"))");
        }
        String columns = Stream.of(NEW, OLD).flatMap(version -> STORED.stream().map(f -> version + column(f)))
                .collect(Collectors.joining(", "));
        // A replaced version ends at the key its successor begins at: of the two, the successor comes first, so a
        // cut between them leaves out only the ended one, which has no entry.
        return "with base as materialized (select * from (" + String.join(" union all ", base) + ") b"
                + " order by b.at, b.console, b.id, b.removal limit " + limit + ") "
                + "select * from (select * from (" + String.join(" union all ", entries) + ") e(at, console, id, kind, "
                + columns + ")" + (conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions))
                // the last base key when the base was cut: where the next page goes on
                + " union all select * from (select b.at, b.console, b.id, null::text, " + nothing + ", " + nothing
                + " from base b where (select count(*) from base) = " + limit
                + " order by b.at desc, b.console desc, b.id desc limit 1) cut) x"
                + " order by x.at, x.console, x.id, x.kind collate \"C\" nulls last";
    }

    /** Additions and changes of the base's versions, each against the version it replaced (if any). */
    private static String opened() {
        StringBuilder kinds = new StringBuilder("select 'added'::text where p.id is null");
        for (ChangeKind kind : ChangeKind.values()) {
            if (kind.compares()) {
                kinds.append(" union all select '").append(kind.apiName()).append("' where p.id is not null and (")
                        .append(kind.fields().stream().map(f -> "p." + column(f) + " is distinct from n." + column(f))
                                .collect(Collectors.joining(" or ")))
                        .append(")");
            }
        }
        return "select b.at, b.console, b.id, k.kind, " + LicenseRepository.prefixed("n") + ", "
                + LicenseRepository.prefixed("p") + " from base b"
                + " cross join lateral ((select c.*, null::timestamptz as valid_to from license_current c"
                + " where c.console = b.console and c.id = b.id and c.valid_from = b.valid_from) union all"
                + " (select h.* from license_history h"
                + " where h.console = b.console and h.id = b.id and h.valid_from = b.valid_from)) n"
                // the newest older version, if it ended exactly when this one began
                + " left join lateral (select * from license_history h where h.console = b.console and h.id = b.id"
                + " and h.valid_from < b.valid_from order by h.valid_from desc limit 1) p on p.valid_to = b.valid_from"
                + " cross join lateral (" + kinds + ") k(kind) where not b.removal";
    }

    /** {@code time} in the window, and not before the page's key (the key's own row may hold further entries). */
    private static String window(String time, String lower, String upper, String[] key) {
        return (lower == null ? "" : " and " + time + " > " + lower) + " and " + time + " <= " + upper
                + (key == null ? "" : " and (" + time + ", l.console, l.id) >= (" + key[0] + ", " + key[1] + ", "
                        + key[2] + ")");
    }

    private static String column(LicenseField field) {
        return field.sql().substring(2);
    }

    private static ChangePage.Change change(Row row) {
        ChangeKind kind = ChangeKind.byApiName(row.getString("kind")).orElseThrow();
        Map<String, Map<String, Object>> changes = null;
        Map<String, Object> license = null;
        if (kind.compares()) {
            changes = new LinkedHashMap<>();
            for (LicenseField field : kind.fields()) {
                Object before = read(row, OLD, field);
                Object after = read(row, NEW, field);
                if (!LicenseHistoryQueries.same(before, after)) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("old", before);
                    values.put("new", after);
                    changes.put(field.apiName(), values);
                }
            }
        } else {
            String version = kind == ChangeKind.ADDED ? NEW : OLD;
            license = new LinkedHashMap<>();
            for (LicenseField field : STORED) {
                license.put(field.apiName(), read(row, version, field));
            }
        }
        String company = (kind == ChangeKind.REMOVED ? OLD : NEW) + column(LicenseField.COMPANY_NAME);
        return new ChangePage.Change(row.getOffsetDateTime("at"), row.getString("console"), row.getString("id"),
                kind.apiName(), row.getString(company), changes, license);
    }

    /** {@code field} of the change's {@code version} ({@link #NEW} or {@link #OLD}). */
    private static Object read(Row row, String version, LicenseField field) {
        return field.type().read(row, row.getColumnIndex(version + column(field)));
    }

    /** The cursor of the next page of this window: after the entry of {@code last}'s row and {@code kind}. */
    private Uni<String> continuation(OffsetDateTime since, OffsetDateTime until, Row last, String kind,
            String canonical) {
        List<String> after = new ArrayList<>();
        after.add(since == null ? "" : since.toString());
        after.add(last.getOffsetDateTime("at").toString());
        after.add(last.getString("console"));
        after.add(last.getString("id"));
        after.add(kind);
        return new Cursor(until, CURSOR_KIND, canonical, after).encode(json, signer);
    }

    /** The cursor of the window after {@code end}: its until is pinned when it is read. */
    private Uni<String> nextWindow(OffsetDateTime end, String canonical) {
        return new Cursor(null, CURSOR_KIND, canonical, List.of(end.toString())).encode(json, signer);
    }

    private static Window window(Cursor cursor, String canonical) {
        if (!CURSOR_KIND.equals(cursor.sort()) || !cursor.filter().equals(canonical)
                || (cursor.after().size() != 1 && cursor.after().size() != 5)) {
            throw ProblemException.badParameter("cursor", "this cursor belongs to a request with other filters; "
                    + "repeat the original console, company and kind with it");
        }
        try {
            String since = cursor.after().get(0);
            return new Window(since.isEmpty() ? null : OffsetDateTime.parse(since), cursor.at(),
                    cursor.after().size() == 1 ? List.of() : cursor.after().subList(1, 5));
        } catch (RuntimeException e) {
            throw Cursor.invalid();
        }
    }
}
