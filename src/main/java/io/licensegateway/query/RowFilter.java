package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

import io.licensegateway.company.Lowercase;

/**
 * {@link LicenseFilter} over the slices of a {@link View}: the same rows as its SQL on the {@code asOf} path. Text
 * conditions are decided once per dictionary entry of a slice, then tested per row by code.
 */
final class RowFilter {

    private static final List<LicenseField> SEARCHED = List.of(LicenseField.COMPANY_NAME, LicenseField.LICENSED_TO,
            LicenseField.CONTACT_PERSON, LicenseField.LICENSE_ADMINISTRATOR_EMAIL, LicenseField.LICENSEE_EMAIL,
            LicenseField.BACKUP_SERVER_NAME);

    private final LicenseFilter filter;
    private final String company;
    private final Set<String> companySpellings;
    private final String licensedTo;
    private final String q;

    RowFilter(LicenseFilter filter, CompanyDirectory companies) {
        this.filter = filter;
        this.company = lower(filter.company());
        this.companySpellings = filter.company() == null ? Set.of() : companies.spellingsOfName(filter.company());
        this.licensedTo = lower(filter.licensedTo());
        this.q = filter.q() == null ? null : lower(filter.q().replace('\u001f', ' '));
    }

    /** Whether the console filter keeps the slice. */
    boolean includes(Slice slice) {
        return filter.includesConsole(slice.console());
    }

    /** The test of a row of {@code slice}; null when every row passes. */
    IntPredicate rows(Slice slice) {
        List<IntPredicate> tests = new ArrayList<>();
        anyOf(tests, slice.text(LicenseField.STATUS), filter.statuses());
        anyOf(tests, slice.text(LicenseField.EDITION), filter.editions());
        anyOf(tests, slice.text(LicenseField.LICENSE_TYPE), filter.licenseTypes());
        if (company != null) {
            Slice.Text names = slice.text(LicenseField.COMPANY_NAME);
            String[] lower = names.lowerCased();
            boolean[] ok = new boolean[lower.length];
            for (int i = 0; i < ok.length; i++) {
                ok[i] = lower[i].contains(company) || companySpellings.contains(slice.folded(i));
            }
            tests.add(codes(names, ok));
        }
        if (licensedTo != null) {
            tests.add(codes(slice.text(LicenseField.LICENSED_TO), contains(slice.text(LicenseField.LICENSED_TO), licensedTo)));
        }
        if (q != null && !q.isEmpty()) {
            // the SQL searches the six fields joined by a separator no pattern holds: a match lies inside one field
            Slice.Text[] texts = new Slice.Text[SEARCHED.size()];
            boolean[][] ok = new boolean[texts.length][];
            for (int f = 0; f < texts.length; f++) {
                texts[f] = slice.text(SEARCHED.get(f));
                ok[f] = contains(texts[f], q);
            }
            tests.add(row -> {
                for (int f = 0; f < texts.length; f++) {
                    int code = texts[f].code(row);
                    if (code >= 0 && ok[f][code]) {
                        return true;
                    }
                }
                return false;
            });
        }
        before(tests, slice.column(LicenseField.LICENSE_EXPIRATION_DATE), filter.expiresBefore());
        after(tests, slice.column(LicenseField.LICENSE_EXPIRATION_DATE), filter.expiresAfter());
        before(tests, slice.column(LicenseField.SUPPORT_EXPIRATION_DATE), filter.supportExpiresBefore());
        return switch (tests.size()) {
            case 0 -> null;
            case 1 -> tests.get(0);
            default -> tests.stream().reduce(IntPredicate::and).orElseThrow();
        };
    }

    private static void anyOf(List<IntPredicate> tests, Slice.Text text, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        String[] lower = text.lowerCased();
        boolean[] ok = new boolean[lower.length];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = values.contains(lower[i]);
        }
        tests.add(codes(text, ok));
    }

    private static boolean[] contains(Slice.Text text, String pattern) {
        String[] lower = text.lowerCased();
        boolean[] ok = new boolean[lower.length];
        for (int i = 0; i < ok.length; i++) {
            ok[i] = lower[i].contains(pattern);
        }
        return ok;
    }

    private static IntPredicate codes(Slice.Text text, boolean[] ok) {
        return row -> {
            int code = text.code(row);
            return code >= 0 && ok[code];
        };
    }

    private static void before(List<IntPredicate> tests, Slice.Column column, OffsetDateTime bound) {
        if (bound != null) {
            Slice.Time time = (Slice.Time) column;
            long limit = Slice.Time.toMicros(bound);
            tests.add(row -> time.get(row) != Slice.Time.NULL && time.get(row) < limit);
        }
    }

    private static void after(List<IntPredicate> tests, Slice.Column column, OffsetDateTime bound) {
        if (bound != null) {
            Slice.Time time = (Slice.Time) column;
            long limit = Slice.Time.toMicros(bound);
            tests.add(row -> time.get(row) != Slice.Time.NULL && time.get(row) > limit);
        }
    }

    private static String lower(String value) {
        return value == null ? null : Lowercase.of(value);
    }
}
