package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.security.Signer;
import io.licensegateway.web.Csv;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * {@code GET /api/v1/licenses}: parses the query, pins the view (now, the cursor's time or {@code asOf}), answers 304
 * when the caller's ETag still holds, and otherwise reads one page and the (bounded) total in parallel.
 */
@ApplicationScoped
public class LicenseQueries {

    static final Set<String> LIST_PARAMETERS = parameters("sort", "limit", "offset", "cursor", "fields", "format",
            "asOf");

    private final LicenseRepository licenses;
    private final ConsoleStatuses statuses;
    private final ViewPoints viewPoints;
    private final Signer signer;
    private final ObjectMapper json;
    private final QueryConfig limits;

    LicenseQueries(LicenseRepository licenses, ConsoleStatuses statuses, ViewPoints viewPoints, Signer signer,
            ObjectMapper json, QueryConfig config) {
        this.licenses = licenses;
        this.statuses = statuses;
        this.viewPoints = viewPoints;
        this.signer = signer;
        this.json = json;
        this.limits = config;
    }

    /** The filters plus these parameters. */
    static Set<String> parameters(String... extra) {
        Set<String> all = new java.util.HashSet<>(LicenseFilter.PARAMETERS);
        all.addAll(List.of(extra));
        return Set.copyOf(all);
    }

    /** One page with its ETag; no page when {@code ifNoneMatch} already names that ETag. */
    public Uni<Answer> page(MultivaluedMap<String, String> query, String ifNoneMatch) {
        QueryParameters parameters = new QueryParameters(query, LIST_PARAMETERS);
        parameters.oneOf("format", "json", "csv");
        LicenseFilter filter = LicenseFilter.from(parameters);
        Sorting sorting = Sorting.parse(parameters.single("sort"), "sort");
        int limit = parameters.integer("limit", 100, 1, 1000);
        int offset = parameters.integer("offset", 0, 0, Integer.MAX_VALUE);
        List<LicenseField> fields = LicenseView.fields(parameters.single("fields"));
        OffsetDateTime asOf = parameters.dateTime("asOf");
        String cursorText = parameters.single("cursor");
        if (cursorText != null && offset > 0) {
            throw ProblemException.badParameter("offset", "use either offset or cursor, not both");
        }
        if ((long) offset + limit > limits.maxResultWindow()) {
            throw ProblemException.badParameter("offset", "offset + limit may be at most " + limits.maxResultWindow()
                    + "; to read further, follow meta.nextCursor from page to page (its cost does not grow with depth)");
        }
        Uni<Cursor> cursor = cursorText == null ? Uni.createFrom().nullItem()
                : Cursor.decode(cursorText, json, signer).invoke(c -> checkBelongs(c, filter, sorting));
        return cursor.flatMap(pinned -> viewPoint(pinned != null ? pinned.at() : asOf, filter).flatMap(view -> {
            String etag = ETags.of(view.snapshots(), filter.canonical() + "|" + sorting.canonical() + "|" + limit + "|"
                    + offset + "|" + cursorText + "|" + fields + "|" + asOf);
            if (ETags.matches(ifNoneMatch, etag)) {
                return Uni.createFrom().item(new Answer(null, etag));
            }
            List<Object> after = pinned == null ? null : decodeAfter(pinned, sorting);
            int bound = limits.trackTotalHits();
            return Uni.combine().all()
                    .unis(licenses.page(view.at(), filter, sorting, after, limit + 1, offset),
                            licenses.count(view.at(), filter, bound + 1))
                    .asTuple()
                    .flatMap(pageAndTotal -> {
                        List<Row> rows = pageAndTotal.getItem1();
                        boolean more = rows.size() > limit;
                        List<Row> shown = more ? rows.subList(0, limit) : rows;
                        Uni<String> next = more
                                ? new Cursor(view.at(), sorting.canonical(), filter.canonical(),
                                        sortValues(shown.get(shown.size() - 1), sorting)).encode(json, signer)
                                : Uni.createFrom().nullItem();
                        long counted = pageAndTotal.getItem2();
                        boolean exact = counted <= bound;
                        return next.map(nextCursor -> new Answer(new LicensePage(
                                shown.stream().map(r -> LicenseView.of(r, fields, view)).toList(),
                                new LicensePage.Meta(exact ? counted : bound, exact ? "eq" : "gte", limit,
                                        pinned == null ? offset : null, nextCursor, asOf,
                                        view.consoles().stream().map(ConsoleFreshness::of).toList())), etag));
                    });
        }));
    }

    /** Every matching row, sorted, as CSV lines (header first), streamed. */
    public Multi<String> csv(MultivaluedMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, LIST_PARAMETERS);
        parameters.oneOf("format", "json", "csv");
        LicenseFilter filter = LicenseFilter.from(parameters);
        Sorting sorting = Sorting.parse(parameters.single("sort"), "sort");
        List<LicenseField> fields = LicenseView.fields(parameters.single("fields"));
        OffsetDateTime asOf = parameters.dateTime("asOf");
        if (parameters.single("cursor") != null || parameters.single("limit") != null
                || parameters.single("offset") != null) {
            throw ProblemException.badParameter("format", "CSV streams the whole selection; leave out limit, offset "
                    + "and cursor");
        }
        String header = Csv.line(fields.stream().map(LicenseField::apiName).toList());
        // The view is resolved before the header goes out: a pruned asOf must be a 410, not a 200 cut off after it.
        return (asOf == null ? statuses.all().map(consoles -> ViewPoint.of(null, consoles)) : viewPoint(asOf, filter))
                .toMulti()
                .flatMap(view -> {
                    Multi<String> rows = (view.at() == null
                            ? licenses.stream(licenses.where(filter), sorting.orderBy())
                            : licenses.streamAsOf(view.at(), filter, sorting.orderBy()))
                            .map(row -> Csv.line(fields.stream().map(f -> LicenseView.value(row, f, view)).toList()))
                            .group().intoLists().of(200)
                            .map(lines -> String.join("", lines));
                    return Multi.createBy().concatenating().streams(Multi.createFrom().item(header), rows);
                });
    }

    private Uni<ViewPoint> viewPoint(OffsetDateTime at, LicenseFilter filter) {
        return viewPoints.at(at, filter::includesConsole, "asOf");
    }

    /** The license from its console's current snapshot, or a 404 problem. */
    public Uni<Map<String, Object>> one(String console, String id) {
        if (console.indexOf('\u0000') >= 0 || id.indexOf('\u0000') >= 0) {
            return Uni.createFrom().failure(ProblemException.notFound("There is no such license"));
        }
        return Uni.combine().all().unis(licenses.current(console, id), statuses.all()).asTuple().map(found -> {
            if (found.getItem1() == null) {
                throw ProblemException.notFound("Console '" + console + "' has no license '" + id
                        + "' in its current snapshot");
            }
            return LicenseView.of(found.getItem1(), LicenseView.ALL, ViewPoint.of(null, found.getItem2()));
        });
    }

    private static void checkBelongs(Cursor cursor, LicenseFilter filter, Sorting sorting) {
        if (!cursor.sort().equals(sorting.canonical()) || !cursor.filter().equals(filter.canonical())
                || cursor.after().size() != sorting.keys().size()) {
            throw ProblemException.badParameter("cursor", "this cursor belongs to a query with other filters or "
                    + "sort; repeat the original parameters with it");
        }
    }

    private static List<Object> decodeAfter(Cursor cursor, Sorting sorting) {
        List<Object> values = new ArrayList<>();
        try {
            for (int i = 0; i < sorting.keys().size(); i++) {
                values.add(Sorting.decode(sorting.keys().get(i).field(), cursor.after().get(i)));
            }
        } catch (RuntimeException e) {
            throw Cursor.invalid();
        }
        return values;
    }

    private static List<String> sortValues(Row row, Sorting sorting) {
        return sorting.keys().stream().map(k -> Sorting.encode(LicenseView.value(row, k.field()))).toList();
    }

    /** A page with its ETag; {@code page} is null when the caller's copy is current (304). */
    public record Answer(LicensePage page, String etag) {
    }
}
