package io.licensegateway.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.security.Signer;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * The kept versions of one license, oldest first, read as of a pinned time (a cursor carries it, so a refresh landing
 * between pages neither repeats nor drops a version). Each version's {@code asOf}/{@code snapshotId} are those of the
 * snapshot that wrote it, as {@code /api/v1/licenses?asOf=<validFrom>} shows them (null once that snapshot is pruned).
 */
@ApplicationScoped
public class LicenseHistoryQueries {

    private static final Set<String> PARAMETERS = Set.of("limit", "cursor");
    /** What a history cursor says in {@link Cursor#sort()}: it belongs to no license list. */
    private static final String CURSOR_KIND = "history";

    /** The fields compared between consecutive versions. */
    static final List<LicenseField> COMPARED = Arrays.stream(LicenseField.values())
            .filter(f -> f.stored() && f != LicenseField.CONSOLE && f != LicenseField.ID).toList();

    /**
     * {@code $1} console, {@code $2} id, {@code $3} the pinned time, {@code $4} the first valid_from to read (null: the oldest),
     * {@code $5} how many: the license's columns (as {@link LicenseRepository#SELECT}), then valid_from, valid_to and
     * the writing snapshot's id and confirmed_at.
     */
    static final String VERSIONS = LicenseRepository.SELECT + ", l.valid_from, l.valid_to, s.id, s.confirmed_at from ("
            + "select " + LicenseRepository.prefixed("c") + ", c.valid_from, null::timestamptz as valid_to from license_current c"
            + " where c.console = $1 and c.id = $2 and c.valid_from <= $3 and ($4::timestamptz is null or c.valid_from >= $4)"
            + " union all select " + LicenseRepository.prefixed("h") + ", h.valid_from, h.valid_to from license_history h"
            + " where h.console = $1 and h.id = $2 and h.valid_from <= $3 and ($4::timestamptz is null or h.valid_from >= $4)) l"
            + " left join lateral (select s.id, s.confirmed_at from snapshot s where s.console = l.console"
            + " and s.valid_from = l.valid_from) s on true order by l.valid_from limit $5";

    private final Pool pool;
    private final LicenseRepository licenses;
    private final Signer signer;
    private final ObjectMapper json;

    LicenseHistoryQueries(Pool pool, LicenseRepository licenses, Signer signer, ObjectMapper json) {
        this.pool = pool;
        this.licenses = licenses;
        this.signer = signer;
        this.json = json;
    }

    public Uni<LicenseHistoryPage> history(String console, String id, MultivaluedMap<String, String> query) {
        if (console.indexOf('\u0000') >= 0 || id.indexOf('\u0000') >= 0) {
            return Uni.createFrom().failure(ProblemException.notFound("There is no such license"));
        }
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        int limit = parameters.integer("limit", 100, 1, 1000);
        String cursorText = parameters.single("cursor");
        String license = console + "/" + id;
        Uni<Cursor> cursor = cursorText == null ? Uni.createFrom().nullItem()
                : Cursor.decode(cursorText, json, signer).invoke(c -> {
                    if (!CURSOR_KIND.equals(c.sort()) || !license.equals(c.filter()) || c.after().size() != 1) {
                        throw ProblemException.badParameter("cursor", "this cursor belongs to another request; "
                                + "repeat the original path with it");
                    }
                });
        return cursor.flatMap(pinned -> (pinned == null ? licenses.pin() : Uni.createFrom().item(pinned.at()))
                .flatMap(at -> {
                    // the version the previous page ended with comes again, as the base of the first one's changes
                    OffsetDateTime from = pinned == null ? null : after(pinned);
                    return pool.preparedQuery(VERSIONS)
                            .execute(Tuple.from(new Object[] { console, id, at, from, limit + 2 }))
                            .flatMap(rows -> page(rows, pinned, license, at, limit));
                }));
    }

    private Uni<LicenseHistoryPage> page(Iterable<Row> result, Cursor pinned, String license, OffsetDateTime at,
            int limit) {
        List<Row> rows = new ArrayList<>();
        result.forEach(rows::add);
        if (pinned == null && rows.isEmpty()) {
            throw ProblemException.notFound("There is no license '" + license + "' in the kept history");
        }
        Row previous = null;
        if (pinned != null && !rows.isEmpty() && validFrom(rows.get(0)).isEqual(after(pinned))) {
            previous = rows.remove(0);
        }
        boolean more = rows.size() > limit;
        List<Row> shown = more ? rows.subList(0, limit) : rows;
        List<LicenseHistoryPage.Version> versions = new ArrayList<>();
        for (Row row : shown) {
            versions.add(version(row, previous, at));
            previous = row;
        }
        Uni<String> next = more ? new Cursor(at, CURSOR_KIND, license,
                List.of(validFrom(shown.get(shown.size() - 1)).toString())).encode(json, signer)
                : Uni.createFrom().nullItem();
        return next.map(cursor -> new LicenseHistoryPage(versions, new LicenseHistoryPage.Meta(limit, cursor, at)));
    }

    private static LicenseHistoryPage.Version version(Row row, Row previous, OffsetDateTime at) {
        int extra = LicenseField.values().length;
        OffsetDateTime validTo = row.getOffsetDateTime(extra + 1);
        return new LicenseHistoryPage.Version(validFrom(row), validTo == null || validTo.isAfter(at) ? null : validTo,
                previous == null ? List.of() : changed(previous, row),
                LicenseView.of(row, row.getOffsetDateTime(extra + 3), row.getLong(extra + 2)));
    }

    /** The API names of the fields whose values differ (numbers by value: 5 equals 5.0). */
    static List<String> changed(Row before, Row after) {
        return COMPARED.stream().filter(f -> !same(LicenseView.value(before, f), LicenseView.value(after, f)))
                .map(LicenseField::apiName).collect(Collectors.toList());
    }

    /** Equal values; numbers by value (5 equals 5.0). */
    static boolean same(Object a, Object b) {
        return a instanceof BigDecimal x && b instanceof BigDecimal y ? x.compareTo(y) == 0 : Objects.equals(a, b);
    }

    private static OffsetDateTime validFrom(Row row) {
        return row.getOffsetDateTime(LicenseField.values().length);
    }

    private static OffsetDateTime after(Cursor cursor) {
        try {
            return OffsetDateTime.parse(cursor.after().get(0));
        } catch (RuntimeException e) {
            throw Cursor.invalid();
        }
    }

}
