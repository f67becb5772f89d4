package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.licensegateway.company.CompanyKeys;
import io.licensegateway.company.Lowercase;
import io.licensegateway.upstream.Editions;
import io.licensegateway.web.QueryParameters;

/**
 * The filters {@code /api/v1/licenses} and its summary share. Lists match exactly but case-insensitively;
 * {@code licensedTo} and {@code q} are case-insensitive substrings; {@code company} matches a case-insensitive
 * substring of the name or the same company key ({@link CompanyKeys}).
 */
record LicenseFilter(List<String> consoles, List<String> statuses, List<String> editions, List<String> licenseTypes,
        String company, String licensedTo, String q, OffsetDateTime expiresBefore, OffsetDateTime expiresAfter,
        OffsetDateTime supportExpiresBefore) {

    static final List<String> PARAMETERS = List.of("console", "status", "edition", "licenseType", "company",
            "licensedTo", "q", "expiresBefore", "expiresAfter", "supportExpiresBefore");

    /** The text {@code q} searches: its fields joined by a unit separator (which no pattern contains). */
    static final String SEARCH_TEXT = Stream.of(LicenseField.COMPANY_NAME, LicenseField.LICENSED_TO,
            LicenseField.CONTACT_PERSON, LicenseField.LICENSE_ADMINISTRATOR_EMAIL, LicenseField.LICENSEE_EMAIL,
            LicenseField.BACKUP_SERVER_NAME).map(f -> "coalesce(" + f.sql() + ", '')")
            .collect(Collectors.joining(" || E'\\x1f' || ", "(", ")"));

    /** No filter at all. */
    static final LicenseFilter NONE = new LicenseFilter(List.of(), List.of(), List.of(), List.of(), null, null, null,
            null, null, null);

    /** The filters given as query parameters; a bad date is a 400 that names its parameter. */
    static LicenseFilter from(QueryParameters parameters) {
        return new LicenseFilter(parameters.list("console"), parameters.list("status"), parameters.list("edition"),
                parameters.list("licenseType"), parameters.single("company"), parameters.single("licensedTo"),
                parameters.single("q"), parameters.dateTime("expiresBefore"), parameters.dateTime("expiresAfter"),
                parameters.dateTime("supportExpiresBefore"));
    }

    LicenseFilter {
        consoles = lower(consoles.stream());
        statuses = lower(statuses.stream());
        editions = lower(editions.stream().map(Editions::canonical));
        licenseTypes = lower(licenseTypes.stream());
    }

    void appendTo(SqlBuilder sql) {
        anyOf(sql, LicenseField.STATUS, statuses);
        anyOf(sql, LicenseField.EDITION, editions);
        anyOf(sql, LicenseField.LICENSE_TYPE, licenseTypes);
        if (company != null) {
            // a substring of the name as received, or the same company (CompanyKeys): its key's spellings are one
            // initplan, computed once per statement
            sql.where("(" + contains(LicenseField.COMPANY_NAME.sql(), sql.bind(likePattern(company))) + " or "
                    + CompanyKeys.fold(LicenseField.COMPANY_NAME.sql()) + " = any(cast((select company_spellings(company_key("
                    + sql.bind(company) + "::text))) as text[])))");
        }
        if (licensedTo != null) {
            sql.where(contains(LicenseField.LICENSED_TO.sql(), sql.bind(likePattern(licensedTo))));
        }
        if (q != null) {
            sql.where(contains(SEARCH_TEXT, sql.bind(likePattern(q.replace('\u001f', ' ')))));
        }
        if (expiresBefore != null) {
            sql.where("l.license_expiration_date < " + sql.bind(expiresBefore) + "::timestamptz");
        }
        if (expiresAfter != null) {
            sql.where("l.license_expiration_date > " + sql.bind(expiresAfter) + "::timestamptz");
        }
        if (supportExpiresBefore != null) {
            sql.where("l.support_expiration_date < " + sql.bind(supportExpiresBefore) + "::timestamptz");
        }
    }

    /** Whether the console filter (applied by LicenseRepository.where against the configured names) keeps it. */
    boolean includesConsole(String name) {
        return consoles.isEmpty() || consoles.contains(Lowercase.of(name));
    }

    /** Whether only consoles are chosen (then per-console summaries answer). */
    boolean consolesOnly() {
        return statuses.isEmpty() && editions.isEmpty() && licenseTypes.isEmpty() && company == null
                && licensedTo == null && q == null && expiresBefore == null && expiresAfter == null
                && supportExpiresBefore == null;
    }

    /** A stable text form: equal filters give equal text (used in ETags and cursors). */
    String canonical() {
        return String.join("|", String.join(",", consoles.stream().sorted().toList()),
                String.join(",", statuses.stream().sorted().toList()), String.join(",", editions.stream().sorted().toList()),
                String.join(",", licenseTypes.stream().sorted().toList()), String.valueOf(company),
                String.valueOf(licensedTo), String.valueOf(q), String.valueOf(expiresBefore),
                String.valueOf(expiresAfter), String.valueOf(supportExpiresBefore));
    }

    /** {@code lower(column)} equal to one of the (lower-cased) values. */
    private static void anyOf(SqlBuilder sql, LicenseField field, List<String> values) {
        if (!values.isEmpty()) {
            sql.where("lower(" + field.sql() + ") = any(" + sql.bind(values.toArray(String[]::new)) + "::text[])");
        }
    }

    /** A case-insensitive match of a LIKE pattern. */
    private static String contains(String text, String placeholder) {
        return text + " ilike " + placeholder + "::text";
    }

    /** {@code %value%} with LIKE's own wildcards escaped, so user input matches literally. */
    private static String likePattern(String value) {
        String escaped = Lowercase.of(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    private static List<String> lower(Stream<String> values) {
        return values.map(v -> Lowercase.of(v.trim())).distinct().toList();
    }
}
