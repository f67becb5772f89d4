package io.licensegateway.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.licensegateway.company.CompanyKeys;
import io.licensegateway.web.QueryParameters;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedMap;

/**
 * {@code GET /api/v1/licenses/summary}, with the list's filters: the present from the in-memory view
 * ({@link ViewSummaries}), {@code asOf} as one aggregate over the versions valid then.
 */
@ApplicationScoped
public class SummaryQueries {

    static final Set<String> PARAMETERS = LicenseQueries.parameters("groupBy", "asOf");

    static final Map<String, LicenseField> GROUPS = Map.of("console", LicenseField.CONSOLE, "edition",
            LicenseField.EDITION, "licensetype", LicenseField.LICENSE_TYPE, "status", LicenseField.STATUS, "company",
            LicenseField.COMPANY_NAME);

    static final int[] EXPIRY_DAYS = { 30, 60, 90 };

    /** Licensed/used column pairs, in the order of {@link Summary.Counters}. */
    static final List<LicenseField[]> COUNTERS = List.of(
            new LicenseField[] { LicenseField.LICENSED_VMS, LicenseField.USED_VMS },
            new LicenseField[] { LicenseField.LICENSED_BACKUPS, LicenseField.USED_BACKUPS },
            new LicenseField[] { LicenseField.LICENSED_REPLICAS, LicenseField.USED_REPLICAS },
            new LicenseField[] { LicenseField.LICENSED_SERVERS, LicenseField.USED_SERVERS },
            new LicenseField[] { LicenseField.LICENSED_WORKSTATIONS, LicenseField.USED_WORKSTATIONS },
            new LicenseField[] { LicenseField.TOTAL_INSTANCES, LicenseField.USED_INSTANCES });

    private final Pool pool;
    private final CurrentView current;
    private final ConsoleStatuses statuses;
    private final LicenseRepository licenses;
    private final ViewPoints viewPoints;

    SummaryQueries(Pool pool, CurrentView current, ConsoleStatuses statuses, LicenseRepository licenses,
            ViewPoints viewPoints) {
        this.pool = pool;
        this.current = current;
        this.statuses = statuses;
        this.licenses = licenses;
        this.viewPoints = viewPoints;
    }

    /**
     * The summary now, or with {@code asOf} of the view then: each console's snapshot current at that time, its
     * expiry counts relative to that time, 410 before the kept history.
     */
    public Uni<Summary> summarise(MultivaluedMap<String, String> query) {
        QueryParameters parameters = new QueryParameters(query, PARAMETERS);
        String groupBy = parameters.oneOf("groupBy", "console", "edition", "licensetype", "status", "company");
        LicenseFilter filter = LicenseFilter.from(parameters);
        OffsetDateTime asOf = parameters.dateTime("asOf");
        String grouped = groupBy == null ? null : GROUPS.get(groupBy).apiName();
        if (asOf == null) {
            View view = current.require();
            return Uni.createFrom().item(new Summary(grouped, null, summarise(view, filter, groupBy,
                    OffsetDateTime.now(ZoneOffset.UTC)), consoles(statuses.of(view)), current.storeState()));
        }
        return viewPoints.at(asOf, filter::includesConsole, "asOf").flatMap(pinned -> {
            SqlBuilder sql = licenses.where(filter);
            return pool.preparedQuery(sqlAsOf(sql, groupBy, asOf)).execute(sql.tuple()).map(rows -> {
                List<Summary.Group> groups = new ArrayList<>();
                rows.forEach(row -> groups.add(group(row)));
                return new Summary(grouped, asOf, groups, consoles(pinned.consoles()), null);
            });
        });
    }

    /** The groups of the in-memory view, expiry counted from {@code now}. */
    static List<Summary.Group> summarise(View view, LicenseFilter filter, String groupBy, OffsetDateTime now) {
        return ViewSummaries.groups(view, new RowFilter(filter, view.companies()), groupBy, now);
    }

    private static List<ConsoleFreshness> consoles(List<ConsoleStatus> consoles) {
        return consoles.stream().map(ConsoleFreshness::of).toList();
    }

    /**
     * The statement of a summary as of {@code at}: one aggregate over the versions valid then, with "expired" and
     * "expiring" counted from {@code at}.
     */
    static String sqlAsOf(SqlBuilder sql, String groupBy, OffsetDateTime at) {
        String from = LicenseRepository.viewAt(sql, sql.bind(at) + "::timestamptz");
        return aggregate(groupBy, sql.bind(at) + "::timestamptz", from);
    }

    /** One aggregate over the rows {@code from} names (aliased {@code l}, conditions included). */
    private static String aggregate(String groupBy, String now, String from) {
        boolean company = "company".equals(groupBy);
        String key = groupBy == null ? "null::text"
                : company ? CompanyKeys.key(LicenseField.COMPANY_NAME.sql()) : GROUPS.get(groupBy).sql();
        String name = company ? CompanyKeys.displayName(LicenseField.COMPANY_NAME.sql()) : "null::text";
        StringBuilder select = new StringBuilder("select " + key + " as key, " + name + " as name, count(*) as licenses");
        for (LicenseField[] pair : COUNTERS) {
            select.append(", sum(").append(pair[0].sql()).append(")::numeric, sum(").append(pair[1].sql()).append(")::numeric");
        }
        select.append(", count(*) filter (where l.license_expiration_date < ").append(now).append(")");
        for (int days : EXPIRY_DAYS) {
            select.append(", count(*) filter (where l.license_expiration_date >= ").append(now)
                    // days of 86,400 s whatever the session's time zone, as the in-memory view counts them
                    .append(" and l.license_expiration_date < ").append(now).append(" + interval '").append(days * 86_400)
                    .append(" seconds')");
        }
        // text keys in code point order, as the in-memory view orders them (Texts)
        return "select * from (" + select + from + " group by 1) g order by g.key collate \"C\" nulls last";
    }

    private static Summary.Group group(Row row) {
        Summary.Counter[] counters = new Summary.Counter[COUNTERS.size()];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = counter(row.getBigDecimal(3 + 2 * i), row.getBigDecimal(4 + 2 * i));
        }
        int expiry = 3 + 2 * COUNTERS.size();
        return new Summary.Group(row.getString(0), row.getString(1), row.getLong(2), new Summary.Counters(counters[0], counters[1],
                counters[2], counters[3], counters[4], counters[5]), row.getLong(expiry), row.getLong(expiry + 1),
                row.getLong(expiry + 2), row.getLong(expiry + 3));
    }

    static Summary.Counter counter(BigDecimal licensed, BigDecimal used) {
        BigDecimal utilization = licensed == null || used == null || licensed.signum() == 0 ? null
                : used.divide(licensed, new MathContext(10)).setScale(4, RoundingMode.HALF_UP);
        return new Summary.Counter(licensed, used, utilization);
    }
}
