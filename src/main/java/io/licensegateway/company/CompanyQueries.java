package io.licensegateway.company;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.licensegateway.console.Console;
import io.licensegateway.console.ConsoleRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code GET /api/v1/companies}: the current licenses by company key. It reads the per-console summary rows
 * ({@code license_rollup}, one per console and spelling), so it costs a few rows per company, not a scan.
 */
@ApplicationScoped
public class CompanyQueries {

    /** {@code $1}: the consoles read. Spellings and consoles are ordered by licenses, then name. */
    static final String SQL = """
            with r as (select company_key(l.key) as company, l.key as spelling, l.console, l.licenses
                       from license_rollup l
                       where l.dimension = 'company' and l.console = any($1::text[]) and company_fold(l.key) is not null),
                 s as (select company, spelling, sum(licenses) as licenses from r group by 1, 2),
                 c as (select company, console, sum(licenses) as licenses from r group by 1, 2)
            select s.company, sum(s.licenses)::bigint as licenses,
                   array_agg(s.spelling order by s.licenses desc, s.spelling) as spellings,
                   array_agg(s.licenses::bigint order by s.licenses desc, s.spelling) as spelling_licenses,
                   (select array_agg(c.console order by c.licenses desc, c.console) from c where c.company = s.company)
                       as consoles,
                   (select array_agg(c.licenses::bigint order by c.licenses desc, c.console) from c
                    where c.company = s.company) as console_licenses
            from s group by s.company order by s.company""";

    private final Pool pool;
    private final List<String> registered;

    CompanyQueries(Pool pool, ConsoleRegistry registry) {
        this.pool = pool;
        this.registered = registry.all().stream().map(Console::name).toList();
    }

    /** Every company of the chosen consoles (all when {@code consoles} is empty; names case-insensitive). */
    public Uni<List<Company>> companies(List<String> consoles) {
        List<String> wanted = consoles.stream().map(c -> c.toLowerCase(Locale.ROOT)).toList();
        String[] read = registered.stream().filter(c -> wanted.isEmpty() || wanted.contains(c.toLowerCase(Locale.ROOT)))
                .toArray(String[]::new);
        return pool.preparedQuery(SQL).execute(Tuple.of(read)).map(rows -> {
            List<Company> companies = new ArrayList<>();
            rows.forEach(row -> companies.add(company(row)));
            return companies;
        });
    }

    private static Company company(Row row) {
        List<Company.Share> spellings = shares(row.getArrayOfStrings("spellings"), row.getArrayOfLongs("spelling_licenses"));
        return new Company(row.getString("company"), spellings.get(0).name(), row.getLong("licenses"),
                shares(row.getArrayOfStrings("consoles"), row.getArrayOfLongs("console_licenses")), spellings);
    }

    private static List<Company.Share> shares(String[] names, Long[] licenses) {
        List<Company.Share> shares = new ArrayList<>(names.length);
        for (int i = 0; i < names.length; i++) {
            shares.add(new Company.Share(names[i], licenses[i]));
        }
        return shares;
    }
}
