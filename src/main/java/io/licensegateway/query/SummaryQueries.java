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
 * {@code GET /api/v1/licenses/summary}: one query over the current licenses, with the list's filters. Without filters
 * (or filtered by console only) it sums the per-console summary rows instead of aggregating every license; with
 * {@code asOf} it aggregates the versions valid then.
 */
@ApplicationScoped
public class SummaryQueries {

    static final Set<String> PARAMETERS = LicenseQueries.parameters("groupBy", "asOf");

    private static final Map<String, LicenseField> GROUPS = Map.of("console", LicenseField.CONSOLE, "edition",
            LicenseField.EDITION, "licensetype", LicenseField.LICENSE_TYPE, "status", LicenseField.STATUS, "company",
            LicenseField.COMPANY_NAME);

    /** license_rollup's dimension of each grouping but console. */
    private static final Map<String, String> ROLLUP_DIMENSIONS = Map.of("edition", "edition", "licensetype",
            "licenseType", "status", "status", "company", "company");

    private static final int[] EXPIRY_DAYS = { 30, 60, 90 };

    /** Licensed/used column pairs, in the order of {@link Summary.Counters}; license_rollup uses the same names. */
    private static final List<LicenseField[]> COUNTERS = List.of(
            new LicenseField[] { LicenseField.LICENSED_VMS, LicenseField.USED_VMS },
            new LicenseField[] { LicenseField.LICENSED_BACKUPS, LicenseField.USED_BACKUPS },
            new LicenseField[] { LicenseField.LICENSED_REPLICAS, LicenseField.USED_REPLICAS },
            new LicenseField[] { LicenseField.LICENSED_SERVERS, LicenseField.USED_SERVERS },
            new LicenseField[] { LicenseField.LICENSED_WORKSTATIONS, LicenseField.USED_WORKSTATIONS },
            new LicenseField[] { LicenseField.TOTAL_INSTANCES, LicenseField.USED_INSTANCES });

    private final Pool pool;
    private final ConsoleStatuses statuses;
    private final LicenseRepository licenses;
    private final ViewPoints viewPoints;

    SummaryQueries(Pool pool, ConsoleStatuses statuses, LicenseRepository licenses, ViewPoints viewPoints) {
        this.pool = pool;
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
        Uni<ViewPoint> view = asOf == null ? statuses.all().map(consoles -> ViewPoint.of(null, consoles))
                : viewPoints.at(asOf, filter::includesConsole, "asOf");
        return view.flatMap(pinned -> {
            SqlBuilder sql = licenses.where(filter);
            String text = asOf == null ? sql(sql, filter, groupBy, OffsetDateTime.now(ZoneOffset.UTC))
                    : sqlAsOf(sql, groupBy, asOf);
            return pool.preparedQuery(text).execute(sql.tuple()).map(rows -> {
                List<Summary.Group> groups = new ArrayList<>();
                rows.forEach(row -> groups.add(group(row)));
                return new Summary(groupBy == null ? null : GROUPS.get(groupBy).apiName(), asOf, groups,
                        pinned.consoles().stream().map(ConsoleFreshness::of).toList());
            });
        });
    }

    /**
     * The statement of a summary as of {@code at}: always the aggregate, over the versions valid then
     * ({@code license_rollup} holds only the present), with "expired" and "expiring" counted from {@code at}.
     */
    static String sqlAsOf(SqlBuilder sql, String groupBy, OffsetDateTime at) {
        String from = LicenseRepository.viewAt(sql, sql.bind(at) + "::timestamptz");
        return aggregate(groupBy, sql.bind(at) + "::timestamptz", from);
    }

    /**
     * The statement of {@link #summarise}: the filter's conditions are in {@code sql}, {@code groupBy} is a key of
     * {@link #GROUPS} or null, {@code now} is bound for the expiry counters (the benchmark replays it).
     */
    static String sql(SqlBuilder sql, LicenseFilter filter, String groupBy, OffsetDateTime now) {
        String at = sql.bind(now) + "::timestamptz";
        return filter.consolesOnly() ? fromRollup(sql, groupBy, at) : aggregate(sql, groupBy, at);
    }

    /**
     * Sums the per-console summary rows the writer maintains ({@code license_rollup}, aliased {@code l} so the
     * console conditions apply as they are); the expiry counts are binary searches in each row's sorted dates
     * ({@code license_expiry_counts}, V13: 30, 60 and 90 days, the values of {@link #EXPIRY_DAYS}).
     */
    private static String fromRollup(SqlBuilder sql, String groupBy, String now) {
        String dimension = groupBy == null || groupBy.equals("console") ? "console" : ROLLUP_DIMENSIONS.get(groupBy);
        boolean company = "company".equals(groupBy);
        // the rows hold each console's spellings: grouped by their key here, named by the spelling with the most
        // licenses over all consoles (ties: the first in order, as mode() picks on the other path)
        String key = groupBy == null ? "null::text" : groupBy.equals("console") ? "l.console"
                : company ? CompanyKeys.key("l.key") : "l.key";
        String name = company ? "(array_agg(l.key order by l.spelling_licenses desc, l.key) filter (where l.key is not null))[1]"
                : "null::text";
        StringBuilder select = new StringBuilder("select " + key + " as key, " + name + " as name, sum(l.licenses)");
        for (LicenseField[] pair : COUNTERS) {
            select.append(", sum(").append(pair[0].sql()).append("), sum(").append(pair[1].sql()).append(")");
        }
        select.append(", sum(l.expiry[1])");
        for (int i = 0; i < EXPIRY_DAYS.length; i++) {
            select.append(", sum(l.expiry[").append(i + 2).append("] - l.expiry[1])");
        }
        sql.where("l.dimension = " + sql.bind(dimension));
        return select + " from (select *, license_expiry_counts(l.expirations, " + now + ") as expiry"
                + (company ? ", sum(l.licenses) over (partition by l.key) as spelling_licenses" : "")
                + " from license_rollup l" + sql.whereClause() + ") l group by 1 order by 1 nulls last";
    }

    /** One aggregate over the matching current licenses, for filters the per-console rows cannot answer. */
    private static String aggregate(SqlBuilder sql, String groupBy, String now) {
        return aggregate(groupBy, now, LicenseRepository.CURRENT + sql.whereClause());
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
                    .append(" and l.license_expiration_date < ").append(now).append(" + interval '").append(days)
                    .append(" days')");
        }
        return select + from + " group by 1 order by 1 nulls last";
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

    private static Summary.Counter counter(BigDecimal licensed, BigDecimal used) {
        BigDecimal utilization = licensed == null || used == null || licensed.signum() == 0 ? null
                : used.divide(licensed, new MathContext(10)).setScale(4, RoundingMode.HALF_UP);
        return new Summary.Counter(licensed, used, utilization);
    }
}
