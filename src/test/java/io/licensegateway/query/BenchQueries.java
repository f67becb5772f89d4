package io.licensegateway.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.licensegateway.snapshot.StoreClock;
import io.licensegateway.web.QueryParameters;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * For {@code src/bench/run.sh}: prints, as a pgbench script, the statements one API request runs, built by the
 * application's own code from a query string, so the database baseline replays exactly the application's SQL. For
 * {@code GET /api/v1/licenses} without a cursor:
 *
 * <ol>
 * <li>{@link StoreClock#PIN} (the time the view is read at), kept in {@code :at} with {@code \gset},</li>
 * <li>{@link ConsoleStatuses#SQL} (each console's snapshot at that time),</li>
 * <li>the page ({@link LicenseRepository#pageSql}, with {@code limit + 1} rows to see whether there is more),</li>
 * <li>the bounded total ({@link LicenseRepository#countSql}).</li>
 * </ol>
 *
 * Every other {@code $n} parameter becomes a pgbench variable ({@code :pn} in the page, {@code :cn} in the count);
 * the script's header comments give each variable's value in PostgreSQL's text form ({@code -- define: name=value}),
 * passed with {@code -D}. With {@code -M prepared} pgbench sends them as bind parameters of a prepared statement, as
 * the application does. A {@code -- role: …} comment line before each statement says what it is (pin, statuses,
 * page, count, summary, stream, one, begin, set, commit), for the harness's {@code EXPLAIN}s.
 *
 * <p>Usage: {@code BenchQueries 'status=Valid&edition=Enterprise&sort=licenseExpirationDate&limit=100'} prints that
 * request's script. {@code BenchQueries --mix} reads request shapes from standard input, one a line, fields
 * separated by tabs: {@code name kind query [at after…]}, and prints each one's script after a line
 * {@code -- shape: name}; every variable of shape {@code i} is prefixed {@code m<i>_} so that one pgbench run can
 * mix the scripts. Kinds:
 *
 * <ul>
 * <li>{@code licenses}: {@code GET /api/v1/licenses?query} (above);</li>
 * <li>{@code cursor}: the same with a cursor: the view is read at {@code at} (the cursor's time, so no pin) and
 * after the row whose sort values are {@code after…} (one field per sort key, as the cursor carries them);</li>
 * <li>{@code summary}: {@code GET /api/v1/licenses/summary?query}: the console statuses, then the aggregate
 * ({@link SummaryQueries#sql});</li>
 * <li>{@code vac}: {@code GET /v2/licensing/cloudconnectLicenses?query}: the streamed read in its own transaction
 * ({@link VacCompatQueries#filterAndPaging}, {@link LicenseRepository#streamSql});</li>
 * <li>{@code csv}: {@code GET /api/v1/licenses?query&format=csv}: the console statuses, then the streamed read;</li>
 * <li>{@code one}: {@code GET /api/v1/licenses/{console}/{id}} with {@code query = console/id}: the license and the
 * console statuses ({@link LicenseRepository#ONE});</li>
 * <li>{@code consoles}: {@code GET /api/v1/consoles}: the console statuses;</li>
 * <li>{@code history}: {@code GET /api/v1/licenses/{console}/{id}/history} with {@code query = console/id}: the pin
 * and the first page ({@link LicenseHistoryQueries#VERSIONS});</li>
 * <li>{@code changes}: {@code GET /api/v1/changes?query}: the pin, the console statuses and the first page of the
 * window ({@link ChangeFeed#sql}; its {@code until} is the time the script was printed).</li>
 * </ul>
 */
public final class BenchQueries {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)");
    /** Stands for the pinned time, which the script reads from the database like the application does. */
    private static final String PINNED = "pinned";
    /** gateway.query.track-total-hits by default. */
    private static final int TRACK_TOTAL_HITS = 1_000;
    /**
     * The gateway's consoles, which every statement is limited to: {@code -Dbench.consoles=N} names the
     * BenchSimulator's {@code sim-1} … {@code sim-N}.
     */
    private static final List<String> CONSOLES = IntStream.rangeClosed(1, Integer.getInteger("bench.consoles", 1))
            .mapToObj(i -> "sim-" + i).toList();
    /** How the application's "now" for the console statuses ({@code OffsetDateTime.MAX}) reaches PostgreSQL. */
    private static final String INFINITY = "infinity";

    private BenchQueries() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].equals("--mix")) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder();
            int index = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                index++;
                String[] fields = line.split("\t", -1);
                out.append("-- shape: ").append(fields[0]).append('\n');
                out.append(shape(fields[1], fields[2], "m" + index + "_",
                        fields.length > 3 ? Arrays.asList(fields).subList(3, fields.length) : List.of()));
            }
            System.out.print(out);
        } else {
            System.out.print(script(args.length == 0 ? "" : args[0]));
        }
    }

    /** The pgbench script of {@code GET /api/v1/licenses?queryString} (header comments name each variable's value). */
    public static String script(String queryString) {
        return licenses(queryString, "", null, null);
    }

    static String shape(String kind, String query, String prefix, List<String> extra) {
        return switch (kind) {
            case "licenses" -> licenses(query, prefix, null, null);
            case "cursor" -> licenses(query, prefix, OffsetDateTime.parse(extra.get(0)), extra.subList(1, extra.size()));
            case "summary" -> summary(query, prefix);
            case "vac" -> vac(query, prefix);
            case "csv" -> csv(query, prefix);
            case "one" -> one(query, prefix);
            case "history" -> history(query, prefix);
            case "changes" -> changes(query, prefix);
            case "consoles" -> consoles(prefix);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }

    /** {@code at == null}: pinned now (a pin statement); else the cursor's time and the sort values of its row. */
    private static String licenses(String queryString, String prefix, OffsetDateTime at, List<String> after) {
        MultivaluedMap<String, String> query = parse(queryString);
        QueryParameters parameters = new QueryParameters(query, LicenseQueries.LIST_PARAMETERS);
        LicenseFilter filter = LicenseFilter.from(parameters);
        Sorting sorting = Sorting.parse(parameters.single("sort"), "sort");
        int limit = parameters.integer("limit", 100, 1, 1000);
        int offset = parameters.integer("offset", 0, 0, Integer.MAX_VALUE);

        SqlBuilder page = LicenseRepository.where(CONSOLES, filter);
        if (after != null) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < sorting.keys().size(); i++) {
                String text = after.get(i);
                values.add(Sorting.decode(sorting.keys().get(i).field(), text.equals("\\N") ? null : text));
            }
            sorting.after(page, values);
        }
        String pageAt = page.bind(PINNED) + "::timestamptz";
        String pageSql = LicenseRepository.pageSql(page, pageAt, sorting, limit + 1, offset);
        SqlBuilder count = LicenseRepository.where(CONSOLES, filter);
        String countAt = count.bind(PINNED) + "::timestamptz";
        String countSql = LicenseRepository.countSql(count, countAt, count.bind(TRACK_TOTAL_HITS + 1));

        String pinned = at == null ? "at" : prefix + "at";
        Script out = new Script("GET /api/v1/licenses?" + queryString + (at == null ? "" : " with a cursor"), prefix,
                pinned);
        out.defines("p", page.tuple());
        out.defines("c", count.tuple());
        if (at == null) {
            out.append("pin", oneLine(StoreClock.PIN) + " as at \\gset");
        } else {
            out.define("at", at);
        }
        out.statement("statuses", ConsoleStatuses.SQL.replace("$1", ":" + pinned));
        out.statement("page", out.variables(pageSql, "p", page.tuple()));
        out.statement("count", out.variables(countSql, "c", count.tuple()));
        return out.toString();
    }

    private static String summary(String queryString, String prefix) {
        MultivaluedMap<String, String> query = parse(queryString);
        QueryParameters parameters = new QueryParameters(query, SummaryQueries.PARAMETERS);
        String groupBy = parameters.oneOf("groupBy", "console", "edition", "licensetype", "status", "company");
        SqlBuilder sql = LicenseRepository.where(CONSOLES, LicenseFilter.from(parameters));
        OffsetDateTime asOf = parameters.dateTime("asOf");
        String text = asOf == null ? SummaryQueries.sql(sql, LicenseFilter.from(parameters), groupBy, OffsetDateTime.now(ZoneOffset.UTC))
                : SummaryQueries.sqlAsOf(sql, groupBy, asOf);
        Script out = new Script("GET /api/v1/licenses/summary?" + queryString, prefix, null);
        out.define("inf", INFINITY);
        out.defines("s", sql.tuple());
        out.statement("statuses", ConsoleStatuses.SQL.replace("$1", ":" + prefix + "inf"));
        out.statement("summary", out.variables(text, "s", sql.tuple()));
        return out.toString();
    }

    private static String vac(String queryString, String prefix) {
        MultivaluedMap<String, String> query = parse(queryString);
        QueryParameters parameters = new QueryParameters(query, java.util.Set.of("$filter", "$orderby", "$top", "$skip",
                "$select", "$format", "setLinks"));
        String orderBy = VacCompatQueries.orderBy(parameters.single("$orderby"));
        int top = parameters.integer("$top", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
        int skip = parameters.integer("$skip", 0, 0, Integer.MAX_VALUE);
        SqlBuilder sql = LicenseRepository.where(CONSOLES, LicenseFilter.NONE);
        String tail = VacCompatQueries.filterAndPaging(sql, parameters.single("$filter"), orderBy, top, skip);
        Script out = new Script("GET /v2/licensing/cloudconnectLicenses?" + queryString, prefix, null);
        out.defines("v", sql.tuple());
        streamed(out, out.variables(LicenseRepository.streamSql(sql, tail), "v", sql.tuple()));
        return out.toString();
    }

    private static String csv(String queryString, String prefix) {
        MultivaluedMap<String, String> query = parse(queryString);
        QueryParameters parameters = new QueryParameters(query, LicenseQueries.LIST_PARAMETERS);
        LicenseFilter filter = LicenseFilter.from(parameters);
        Sorting sorting = Sorting.parse(parameters.single("sort"), "sort");
        SqlBuilder sql = LicenseRepository.where(CONSOLES, filter);
        Script out = new Script("GET /api/v1/licenses?" + queryString + " (CSV)", prefix, null);
        out.define("inf", INFINITY);
        out.defines("v", sql.tuple());
        out.statement("statuses", ConsoleStatuses.SQL.replace("$1", ":" + prefix + "inf"));
        streamed(out, out.variables(LicenseRepository.streamSql(sql, sorting.orderBy()), "v", sql.tuple()));
        return out.toString();
    }

    /** A read through a cursor: its own transaction, as {@code LicenseRepository.stream} runs it. */
    private static void streamed(Script out, String select) {
        out.statement("begin", "begin");
        out.statement("set", LicenseRepository.STALLED_READER_LIMIT);
        out.statement("stream", select);
        out.statement("commit", "commit");
    }

    private static String one(String consoleAndId, String prefix) {
        int slash = consoleAndId.indexOf('/');
        Script out = new Script("GET /api/v1/licenses/" + consoleAndId, prefix, null);
        out.define("inf", INFINITY);
        out.define("o1", consoleAndId.substring(0, slash));
        out.define("o2", consoleAndId.substring(slash + 1));
        out.statement("one", LicenseRepository.ONE.replace("$1", ":" + prefix + "o1").replace("$2", ":" + prefix + "o2"));
        out.statement("statuses", ConsoleStatuses.SQL.replace("$1", ":" + prefix + "inf"));
        return out.toString();
    }

    /** {@code GET /api/v1/licenses/{console}/{id}/history} with {@code query = console/id}: pin, first page. */
    private static String history(String consoleAndId, String prefix) {
        int slash = consoleAndId.indexOf('/');
        Script out = new Script("GET /api/v1/licenses/" + consoleAndId + "/history", prefix, "at");
        out.define("h1", consoleAndId.substring(0, slash));
        out.define("h2", consoleAndId.substring(slash + 1));
        out.append("pin", oneLine(StoreClock.PIN) + " as at \\gset");
        out.statement("history", LicenseHistoryQueries.VERSIONS.replace("$1", ":" + prefix + "h1")
                .replace("$2", ":" + prefix + "h2").replace("$3", ":at").replace("$4", "null").replace("$5", "102"));
        return out.toString();
    }

    /** {@code GET /api/v1/changes?query}: pin, console statuses (edges), the first page of the window. */
    private static String changes(String queryString, String prefix) {
        QueryParameters parameters = new QueryParameters(parse(queryString), ChangeFeed.PARAMETERS);
        LicenseFilter filter = new LicenseFilter(parameters.list("console"), List.of(), List.of(), List.of(),
                parameters.single("company"), null, null, null, null, null);
        List<ChangeKind> kinds = parameters.list("kind").stream().map(k -> ChangeKind.byApiName(k).orElseThrow())
                .distinct().sorted().toList();
        SqlBuilder sql = LicenseRepository.where(CONSOLES, filter);
        String text = ChangeFeed.sql(sql, parameters.dateTime("since"), OffsetDateTime.now(ZoneOffset.UTC), kinds,
                List.of(), parameters.integer("limit", 100, 1, 1000) + 1);
        Script out = new Script("GET /api/v1/changes?" + queryString, prefix, "at");
        out.define("inf", INFINITY);
        out.defines("f", sql.tuple());
        out.append("pin", oneLine(StoreClock.PIN) + " as at \\gset");
        out.statement("statuses", ConsoleStatuses.SQL.replace("$1", ":" + prefix + "inf"));
        out.statement("changes", out.variables(text, "f", sql.tuple()));
        return out.toString();
    }

    private static String consoles(String prefix) {
        Script out = new Script("GET /api/v1/consoles", prefix, null);
        out.define("inf", INFINITY);
        out.statement("statuses", ConsoleStatuses.SQL.replace("$1", ":" + prefix + "inf"));
        return out.toString();
    }

    /** One script: header, defines, then statements each after its role comment. */
    private static final class Script {
        private final StringBuilder defines = new StringBuilder();
        private final StringBuilder body = new StringBuilder();
        private final String prefix;
        /** The variable that holds the pinned time. */
        private final String pinned;

        Script(String title, String prefix, String pinned) {
            this.prefix = prefix;
            this.pinned = pinned;
            defines.append("-- ").append(title).append('\n');
            defines.append("-- generated by io.licensegateway.query.BenchQueries from the application's SQL builders\n");
        }

        void define(String name, Object value) {
            defines.append("-- define: ").append(prefix).append(name).append('=').append(text(value)).append('\n');
        }

        void defines(String group, Tuple values) {
            for (int i = 0; i < values.size(); i++) {
                if (values.getValue(i) != PINNED) {
                    define(group + (i + 1), values.getValue(i));
                }
            }
        }

        void append(String role, String line) {
            body.append("-- role: ").append(role).append('\n').append(line).append('\n');
        }

        void statement(String role, String sql) {
            append(role, oneLine(sql) + ";");
        }

        /** {@code $3} → {@code :<prefix>p3}; the pinned time → the variable that holds it. */
        String variables(String sql, String group, Tuple values) {
            Matcher m = PLACEHOLDER.matcher(sql);
            return m.replaceAll(r -> values.getValue(Integer.parseInt(r.group(1)) - 1) == PINNED ? ":" + pinned
                    : ":" + prefix + group + r.group(1));
        }

        @Override
        public String toString() {
            return defines.toString() + body;
        }
    }

    private static String oneLine(String sql) {
        return sql.replaceAll("\\s+", " ").trim();
    }

    /** A bind value in PostgreSQL's text form: arrays as {@code {"a","b"}}. */
    private static String text(Object value) {
        if (value instanceof Object[] array) {
            List<String> items = new ArrayList<>();
            for (Object item : array) {
                items.add('"' + String.valueOf(item).replace("\\", "\\\\").replace("\"", "\\\"") + '"');
            }
            return "{" + String.join(",", items) + "}";
        }
        return String.valueOf(value);
    }

    private static MultivaluedMap<String, String> parse(String queryString) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        for (String pair : queryString.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            map.add(name, value);
        }
        return map;
    }
}
