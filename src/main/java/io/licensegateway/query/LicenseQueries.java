package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.security.Signer;
import io.licensegateway.web.Csv;
import io.licensegateway.web.ProblemException;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * {@code GET /api/v1/licenses}: parses the query, picks the view (the current one, the cursor's version or
 * {@code asOf}), answers 304 when the caller's ETag still holds, and otherwise reads one page and the (bounded) total.
 * The current view and the versions kept in memory are answered from memory ({@link CurrentView}); {@code asOf} and a
 * cursor whose version is gone are read from the store, as of the same time, with the same answers.
 */
@ApplicationScoped
public class LicenseQueries {

    static final Set<String> LIST_PARAMETERS = parameters("sort", "limit", "offset", "cursor", "fields", "format",
            "asOf");

    private static final int CSV_CHUNK = 200;

    private final LicenseRepository licenses;
    private final CurrentView current;
    private final ConsoleStatuses statuses;
    private final ViewPoints viewPoints;
    private final Signer signer;
    private final ObjectMapper json;
    private final QueryConfig limits;

    LicenseQueries(LicenseRepository licenses, CurrentView current, ConsoleStatuses statuses, ViewPoints viewPoints,
            Signer signer, ObjectMapper json, QueryConfig config) {
        this.licenses = licenses;
        this.current = current;
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
        int bound = limits.trackTotalHits();
        return cursor.flatMap(pinned -> {
            List<Object> after = pinned == null ? null : decodeAfter(pinned, sorting);
            String normalised = filter.canonical() + "|" + sorting.canonical() + "|" + limit + "|" + offset + "|"
                    + cursorText + "|" + fields + "|" + asOf;
            Optional<View> memory = asOf != null ? Optional.empty()
                    : pinned == null ? Optional.of(current.require()) : current.at(pinned.at());
            if (memory.isPresent()) {
                View view = memory.get();
                ViewPoint point = ViewPoint.of(view.at(), statuses.of(view));
                String etag = ETags.of(point.snapshots(), normalised);
                if (ETags.matches(ifNoneMatch, etag)) {
                    return Uni.createFrom().item(new Answer(null, etag));
                }
                ViewSelection selection = ViewSelection.of(view, new RowFilter(filter, view.companies()), sorting);
                List<Function<LicenseField, Object>> rows = selection.page(after, offset, limit + 1).stream()
                        .<Function<LicenseField, Object>>map(hit -> hit::value).toList();
                return answer(point, etag, rows, selection.count(bound + 1), pinned, sorting, filter, fields, limit,
                        offset, asOf);
            }
            // asOf, or a cursor whose version is no longer in memory: the same view, read from the store
            return viewPoint(pinned != null ? pinned.at() : asOf, filter).flatMap(view -> {
                String etag = ETags.of(view.snapshots(), normalised);
                if (ETags.matches(ifNoneMatch, etag)) {
                    return Uni.createFrom().item(new Answer(null, etag));
                }
                return Uni.combine().all()
                        .unis(licenses.page(view.at(), filter, sorting, after, limit + 1, offset),
                                licenses.count(view.at(), filter, bound + 1))
                        .asTuple()
                        .flatMap(found -> answer(view, etag, found.getItem1().stream()
                                .<Function<LicenseField, Object>>map(row -> field -> LicenseView.value(row, field))
                                .toList(), found.getItem2(), pinned, sorting, filter, fields, limit, offset, asOf));
            });
        });
    }

    /** The page of either path: {@code rows} holds one more than the limit when there is more. */
    private Uni<Answer> answer(ViewPoint view, String etag, List<Function<LicenseField, Object>> rows, long counted,
            Cursor pinned, Sorting sorting, LicenseFilter filter, List<LicenseField> fields, int limit, int offset,
            OffsetDateTime asOf) {
        int bound = limits.trackTotalHits();
        boolean more = rows.size() > limit;
        List<Function<LicenseField, Object>> shown = more ? rows.subList(0, limit) : rows;
        Uni<String> next = more
                ? new Cursor(view.at(), sorting.canonical(), filter.canonical(),
                        sortValues(shown.get(shown.size() - 1), sorting)).encode(json, signer)
                : Uni.createFrom().nullItem();
        boolean exact = counted <= bound;
        return next.map(nextCursor -> new Answer(new LicensePage(
                shown.stream().map(r -> LicenseView.of(r, fields, view)).toList(),
                new LicensePage.Meta(exact ? counted : bound, exact ? "eq" : "gte", limit,
                        pinned == null ? offset : null, nextCursor, asOf,
                        view.consoles().stream().map(ConsoleFreshness::of).toList(), current.storeState())),
                etag));
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
        Multi<String> header = Multi.createFrom().item(Csv.line(fields.stream().map(LicenseField::apiName).toList()));
        if (asOf == null) {
            // from memory, in chunks as the client reads: no connection is held however slowly it does
            View view = current.require();
            ViewPoint point = ViewPoint.of(view.at(), statuses.of(view));
            Iterator<ViewSelection.Hit> hits = ViewSelection.of(view, new RowFilter(filter, view.companies()), sorting)
                    .rows(null);
            Iterable<String> chunks = () -> new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return hits.hasNext();
                }

                @Override
                public String next() {
                    StringBuilder chunk = new StringBuilder();
                    for (int i = 0; i < CSV_CHUNK && hits.hasNext(); i++) {
                        ViewSelection.Hit hit = hits.next();
                        chunk.append(Csv.line(fields.stream().map(f -> LicenseView.value(hit::value, f, point)).toList()));
                    }
                    return chunk.toString();
                }
            };
            return Multi.createBy().concatenating().streams(header, Multi.createFrom().iterable(chunks));
        }
        // The view is resolved before the header goes out: a pruned asOf must be a 410, not a 200 cut off after it.
        return viewPoint(asOf, filter).toMulti().flatMap(view -> Multi.createBy().concatenating().streams(header,
                licenses.streamAsOf(view.at(), filter, sorting.orderBy())
                        .map(row -> Csv.line(fields.stream().map(f -> LicenseView.value(row, f, view)).toList()))
                        .group().intoLists().of(CSV_CHUNK)
                        .map(lines -> String.join("", lines))));
    }

    private Uni<ViewPoint> viewPoint(OffsetDateTime at, LicenseFilter filter) {
        return viewPoints.at(at, filter::includesConsole, "asOf");
    }

    /** The license from its console's current snapshot, or a 404 problem. */
    public Uni<Map<String, Object>> one(String console, String id) {
        View view = current.require();
        Slice slice = view.slice(console);
        int row = slice == null ? -1 : slice.find(id);
        if (row < 0) {
            return Uni.createFrom().failure(ProblemException.notFound("Console '" + console + "' has no license '" + id
                    + "' in its current snapshot"));
        }
        return Uni.createFrom().item(LicenseView.of(field -> slice.value(row, field), LicenseView.ALL,
                ViewPoint.of(view.at(), statuses.of(view))));
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

    private static List<String> sortValues(Function<LicenseField, Object> row, Sorting sorting) {
        return sorting.keys().stream().map(k -> Sorting.encode(row.apply(k.field()))).toList();
    }

    /** A page with its ETag; {@code page} is null when the caller's copy is current (304). */
    public record Answer(LicensePage page, String etag) {
    }
}
