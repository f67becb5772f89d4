package io.licensegateway.usage;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.licensegateway.company.CompanyKeys;
import io.licensegateway.console.Console;
import io.licensegateway.console.ConsoleRegistry;
import io.licensegateway.database.Connections;
import io.licensegateway.web.ProblemException;
import io.licensegateway.query.LicenseField;
import io.licensegateway.web.QueryParameters;
import io.licensegateway.snapshot.StoreClock;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * Monthly usage, computed in PostgreSQL from the versions and the consoles' fresh stretches: a version counts only
 * while its console had fresh data ({@link Coverage}); a gap contributes nothing and is listed.
 */
@ApplicationScoped
public class UsageQueries {

    static final Set<String> PARAMETERS = Set.of("month", "groupBy", "console", "limit", "after");
    static final int DEFAULT_PAGE = 1000;
    static final int MAX_PAGE = 10_000;
    private static final int STREAM_FETCH_SIZE = 500;
    /** A client that stops reading a CSV must not hold its transaction (and vacuum) open for ever. */
    private static final String STALLED_READER_LIMIT = "set local idle_in_transaction_session_timeout = '300s'";

    /** The counters in the order of {@link MonthlyUsage.Counters}: name, licensed column, used column. */
    static final List<Counter> COUNTERS = List.of(
            new Counter("instances", LicenseField.TOTAL_INSTANCES, LicenseField.USED_INSTANCES),
            new Counter("vms", LicenseField.LICENSED_VMS, LicenseField.USED_VMS),
            new Counter("cloudconnectBackups", LicenseField.LICENSED_BACKUPS, LicenseField.USED_BACKUPS),
            new Counter("cloudconnectReplicas", LicenseField.LICENSED_REPLICAS, LicenseField.USED_REPLICAS),
            new Counter("cloudconnectServers", LicenseField.LICENSED_SERVERS, LicenseField.USED_SERVERS),
            new Counter("cloudconnectWorkstations", LicenseField.LICENSED_WORKSTATIONS, LicenseField.USED_WORKSTATIONS));

    /** The group key and display name of each {@code groupBy}, over the seen versions {@code v}. */
    private static final Map<String, String[]> GROUPS = Map.of(
            "license", new String[] { "v.console || '/' || v.id", "(array_agg(p.company_name order by p.company_name))[1]" },
            "company", new String[] { CompanyKeys.key("v.company_name"), CompanyKeys.displayName("p.company_name") },
            "console", new String[] { "v.console", "null::text" },
            "edition", new String[] { "v.edition", "null::text" });

    /**
     * The stretches in which each console had fresh data, within [{@code $1}, {@code $2}) and within its kept history
     * ({@code console_state.history_from}: before it, the versions were pruned, so nothing there was seen).
     */
    private static final String FRESH = """
            fresh as (
                select c.console, greatest(c.first_success, $1, coalesce(st.history_from, $1)) as lo,
                       least(c.fresh_until, $2) as hi
                from console_coverage c left join console_state st on st.console = c.console
                where c.console = any($3) and c.first_success < $2 and c.fresh_until > $1
                  and greatest(c.first_success, $1, coalesce(st.history_from, $1)) < least(c.fresh_until, $2))""";

    static final String COVERAGE = "with " + FRESH + " select console, lo, hi from fresh order by console, lo";

    private final Pool pool;
    private final List<String> registered;
    private final ZoneId zone;

    UsageQueries(Pool pool, ConsoleRegistry registry, UsageConfig config) {
        this.pool = pool;
        this.registered = registry.all().stream().map(Console::name).toList();
        this.zone = config.timeZone();
    }

    record Counter(String name, LicenseField licensed, LicenseField used) {
    }

    /** What every page and the CSV of one month share: the window, the consoles and their fresh stretches. */
    private record Month(YearMonth month, String grouping, String[] consoles, OffsetDateTime from,
            OffsetDateTime until, boolean partial, Map<String, List<OffsetDateTime[]>> fresh, Days days) {

        Tuple window(String after, Integer limit) {
            return Tuple.of(from, until, consoles).addString(after).addLong(limit == null ? null : limit.longValue());
        }

        MonthlyUsage.Group group(Row row) {
            return UsageQueries.group(row, fresh, days, from, until, grouping.equals("license"));
        }

        List<MonthlyUsage.ConsoleCoverage> coverage() {
            List<MonthlyUsage.ConsoleCoverage> coverage = new ArrayList<>();
            for (String console : consoles) {
                List<OffsetDateTime[]> stretches = fresh.getOrDefault(console, List.of());
                coverage.add(new MonthlyUsage.ConsoleCoverage(console,
                        share(covered(stretches), Duration.between(from, until)),
                        days.withData(List.of(stretches)), gaps(stretches, from, until)));
            }
            return coverage;
        }
    }

    /**
     * One page of the month's groups, in key order: {@code limit} (1..10000, default 1000) groups after the key
     * {@code after} ({@code nextAfter} of the previous page), so a big fleet's {@code groupBy=license} is never held
     * whole.
     */
    public Uni<MonthlyUsage> monthly(MultivaluedMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        int limit = parameters.integer("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        String after = parameters.single("after");
        return month(parameters).flatMap(m -> pool.preparedQuery(groupsSql(m.grouping()))
                .execute(m.window(after, limit + 1)).map(rows -> {
                    List<MonthlyUsage.Group> groups = new ArrayList<>();
                    rows.forEach(r -> groups.add(m.group(r)));
                    String next = null;
                    if (groups.size() > limit) {
                        groups.remove(limit);
                        next = groups.get(limit - 1).key();
                    }
                    return new MonthlyUsage(m.month().toString(), zone.getId(),
                            m.from().withOffsetSameInstant(ZoneOffset.UTC), m.until().withOffsetSameInstant(ZoneOffset.UTC),
                            m.partial(), m.grouping(), groups, m.coverage(), next);
                }));
    }

    /** Every group of the month as CSV lines, header first, read through a cursor (memory stays flat). */
    public Multi<String> csv(MultivaluedMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        if (parameters.single("limit") != null || parameters.single("after") != null) {
            throw ProblemException.badParameter("limit", "CSV holds every group of the month: no limit or after");
        }
        return month(parameters).toMulti().flatMap(m -> {
            Multi<String> lines = Connections.borrow(pool).toMulti().flatMap(connection -> connection.begin().toMulti()
                    .flatMap(tx -> connection.query(STALLED_READER_LIMIT).execute().toMulti()
                            .flatMap(ignored -> connection.prepare(groupsSql(m.grouping())).toMulti())
                            .flatMap(statement -> statement.createStream(STREAM_FETCH_SIZE, m.window(null, null))
                                    .toMulti().onTermination().call(statement::close))
                            .onCompletion().call(tx::commit))
                    .onTermination().call(connection::close))
                    .map(row -> UsageCsv.line(m.month().toString(), m.partial(), m.grouping(), m.group(row)));
            return Multi.createBy().concatenating().streams(Multi.createFrom().item(UsageCsv.header()), lines);
        });
    }

    private Uni<Month> month(QueryParameters parameters) {
        YearMonth month = month(parameters.single("month"));
        String groupBy = parameters.oneOf("groupBy", "license", "company", "console", "edition");
        String grouping = groupBy == null ? "license" : groupBy;
        List<String> wanted = parameters.list("console").stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        String[] consoles = registered.stream()
                .filter(c -> wanted.isEmpty() || wanted.contains(c.toLowerCase(Locale.ROOT))).toArray(String[]::new);
        OffsetDateTime from = month.atDay(1).atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime end = month.plusMonths(1).atDay(1).atStartOfDay(zone).toOffsetDateTime();
        return pool.query(StoreClock.PIN).execute().map(rows -> rows.iterator().next().getOffsetDateTime("pin"))
                .flatMap(now -> {
                    if (!from.isBefore(now)) {
                        throw ProblemException.badParameter("month", "'" + month + "' has not begun yet");
                    }
                    boolean partial = now.isBefore(end);
                    OffsetDateTime until = partial ? now : end;
                    return pool.preparedQuery(COVERAGE).execute(Tuple.of(from, until, consoles)).map(rows -> {
                        Map<String, List<OffsetDateTime[]>> fresh = new HashMap<>();
                        rows.forEach(r -> fresh.computeIfAbsent(r.getString("console"), c -> new ArrayList<>())
                                .add(new OffsetDateTime[] { r.getOffsetDateTime("lo"), r.getOffsetDateTime("hi") }));
                        return new Month(month, grouping, consoles, from, until, partial, fresh,
                                new Days(month, zone, until));
                    });
                });
    }

    /**
     * One row per group ({@code $1} month start, {@code $2} its end or now, {@code $3} the consoles), at most
     * {@code $5} (null: all) of those whose key comes after {@code $4} (null: from the first). A version is
     * "seen" while its console was fresh; per license: the peak of each used counter over its seen versions and the
     * values of the version seen last (when its console was last fresh in the month, so a license removed earlier has
     * none); per group: the sums of those, and the peak of the group's total at one instant — the running sum of
     * every seen version's start (+used) and end (−used), taken at each instant where it changes.
     */
    static String groupsSql(String grouping) {
        String[] group = GROUPS.get(grouping);
        return ("with " + FRESH + """
                ,
                last_fresh as (select console, max(hi) as at from fresh group by console),
                versions as (
                    select l.console, l.id, l.valid_from, 'infinity'::timestamptz as valid_to, l.company_name, l.edition{stored}
                    from license_current l where l.console = any($3) and l.valid_from < $2
                    union all
                    select l.console, l.id, l.valid_from, l.valid_to, l.company_name, l.edition{stored}
                    from license_history l where l.console = any($3) and l.valid_from < $2 and l.valid_to > $1),
                seen as (
                    select {key} as key, v.*, greatest(v.valid_from, f.lo) as lo, least(v.valid_to, f.hi) as hi,
                           least(v.valid_to, f.hi) = e.at as at_end
                    from versions v
                    join fresh f on f.console = v.console and v.valid_from < f.hi and v.valid_to > f.lo
                    join last_fresh e on e.console = v.console
                    where $4::text is null or ({key}) > $4 or ({key}) is null),
                per_license as (
                    select key, console, id, (array_agg(company_name order by hi desc))[1] as company_name{perLicense}
                    from seen group by key, console, id),
                events as (select key, lo as t{starts} from seen union all select key, hi{ends} from seen),
                net as (select key, t{net} from events group by key, t),
                running as (select key{running} from net window w as (partition by key order by t)),
                peaks as (select key{peaks} from running group by key)
                select p.key, {name} as name, count(*) as licenses,
                       array_agg(distinct p.console order by p.console) as consoles{totals}
                from per_license p join peaks k on k.key is not distinct from p.key
                group by p.key order by p.key nulls last limit $5""")
                .replace("{stored}", eachCounter(", l.{licensed}, l.{used}"))
                .replace("{key}", group[0])
                .replace("{perLicense}", eachCounter(", max({used})::numeric as peak{i}, (sum({licensed}) filter (where"
                        + " at_end))::numeric as licensed{i}, (sum({used}) filter (where at_end))::numeric as end{i}"))
                .replace("{starts}", eachCounter(", coalesce({used}, 0)::numeric as x{i}"))
                .replace("{ends}", eachCounter(", -coalesce({used}, 0)::numeric"))
                .replace("{net}", eachCounter(", sum(x{i}) as d{i}"))
                .replace("{running}", eachCounter(", sum(d{i}) over w as r{i}"))
                .replace("{peaks}", eachCounter(", max(r{i}) as total{i}"))
                .replace("{name}", group[1])
                .replace("{totals}", eachCounter(", sum(p.licensed{i}) as licensed{i}, sum(p.peak{i}) as peak{i},"
                        + " sum(p.end{i}) as end{i}, max(k.total{i}) as total{i}"));
    }

    /**
     * {@code fragment} once per counter, in order: {@code {i}} its number (which names its columns: {@code peak0},
     * {@code licensed0}, ...), {@code {licensed}} and {@code {used}} its columns.
     */
    private static String eachCounter(String fragment) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < COUNTERS.size(); i++) {
            all.append(fragment.replace("{i}", Integer.toString(i))
                    .replace("{licensed}", column(COUNTERS.get(i).licensed()))
                    .replace("{used}", column(COUNTERS.get(i).used())));
        }
        return all.toString();
    }

    private static MonthlyUsage.Group group(Row row, Map<String, List<OffsetDateTime[]>> fresh, Days days,
            OffsetDateTime from, OffsetDateTime until, boolean oneLicense) {
        List<String> consoles = List.of(row.getArrayOfStrings("consoles"));
        List<List<OffsetDateTime[]>> stretches = consoles.stream().map(c -> fresh.getOrDefault(c, List.of())).toList();
        Duration covered = stretches.stream().map(UsageQueries::covered).reduce(Duration.ZERO, Duration::plus);
        MonthlyUsage.Counter[] counters = new MonthlyUsage.Counter[COUNTERS.size()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = new MonthlyUsage.Counter(row.getBigDecimal("licensed" + i), row.getBigDecimal("peak" + i),
                    row.getBigDecimal("end" + i), oneLicense ? null : row.getBigDecimal("total" + i));
        }
        return new MonthlyUsage.Group(row.getString("key"), row.getString("name"), row.getLong("licenses"), consoles,
                share(covered, Duration.between(from, until).multipliedBy(consoles.size())), days.withData(stretches),
                new MonthlyUsage.Counters(counters[0], counters[1], counters[2], counters[3], counters[4], counters[5]));
    }

    private static YearMonth month(String value) {
        if (value == null) {
            throw ProblemException.badParameter("month", "required, as 2026-11");
        }
        try {
            return YearMonth.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badParameter("month", "'" + value + "' is not a month like 2026-11");
        }
    }

    private static String column(LicenseField field) {
        return field.sql().substring(2);
    }

    private static Duration covered(List<OffsetDateTime[]> stretches) {
        return stretches.stream().map(s -> Duration.between(s[0], s[1])).reduce(Duration.ZERO, Duration::plus);
    }

    /** The share of {@code of} that {@code part} is, to four places (1 when there was nothing to cover). */
    private static BigDecimal share(Duration part, Duration of) {
        if (of.isZero()) {
            return BigDecimal.ONE;
        }
        return BigDecimal.valueOf(part.toMillis()).divide(BigDecimal.valueOf(of.toMillis()), new MathContext(10))
                .setScale(4, RoundingMode.HALF_UP);
    }

    /** The time of the month without fresh data: before, between and after the stretches (in order, disjoint). */
    private static List<MonthlyUsage.Gap> gaps(List<OffsetDateTime[]> stretches, OffsetDateTime from,
            OffsetDateTime until) {
        List<MonthlyUsage.Gap> gaps = new ArrayList<>();
        OffsetDateTime seen = from;
        for (OffsetDateTime[] stretch : stretches) {
            if (stretch[0].isAfter(seen)) {
                gaps.add(gap(seen, stretch[0]));
            }
            seen = stretch[1].isAfter(seen) ? stretch[1] : seen;
        }
        if (seen.isBefore(until)) {
            gaps.add(gap(seen, until));
        }
        return gaps;
    }

    private static MonthlyUsage.Gap gap(OffsetDateTime from, OffsetDateTime until) {
        return new MonthlyUsage.Gap(from.withOffsetSameInstant(ZoneOffset.UTC), until.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** The month's days (midnight to midnight in the configured zone) up to {@code until}. */
    private record Days(List<OffsetDateTime[]> days) {

        Days(YearMonth month, ZoneId zone, OffsetDateTime until) {
            this(split(month, zone, until));
        }

        private static List<OffsetDateTime[]> split(YearMonth month, ZoneId zone, OffsetDateTime until) {
            List<OffsetDateTime[]> days = new ArrayList<>();
            for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
                OffsetDateTime start = day.atStartOfDay(zone).toOffsetDateTime();
                if (!start.isBefore(until)) {
                    break;
                }
                days.add(new OffsetDateTime[] { start, day.plusDays(1).atStartOfDay(zone).toOffsetDateTime() });
            }
            return days;
        }

        /** Days on which every one of these consoles (its stretches) was fresh at some moment. */
        int withData(List<List<OffsetDateTime[]>> consoles) {
            int count = 0;
            for (OffsetDateTime[] day : days) {
                if (!consoles.isEmpty() && consoles.stream().allMatch(stretches -> stretches.stream()
                        .anyMatch(s -> s[0].isBefore(day[1]) && s[1].isAfter(day[0])))) {
                    count++;
                }
            }
            return count;
        }
    }
}
