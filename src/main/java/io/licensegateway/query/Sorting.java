package io.licensegateway.query;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.licensegateway.web.ProblemException;

/**
 * A sort order that always ends in the unique key (console, id), so paging is deterministic, and the keyset
 * condition that selects the rows after a given row in that order.
 */
final class Sorting {

    private final List<SortKey> keys;

    private Sorting(List<SortKey> keys) {
        this.keys = keys;
    }

    /** These keys, then console and id unless they are among them. */
    static Sorting of(List<SortKey> keys) {
        List<SortKey> all = new ArrayList<>(keys);
        for (LicenseField unique : List.of(LicenseField.CONSOLE, LicenseField.ID)) {
            if (all.stream().noneMatch(k -> k.field() == unique)) {
                all.add(new SortKey(unique, false));
            }
        }
        return new Sorting(List.copyOf(all));
    }

    /** {@code sort=-licenseExpirationDate,companyName}; empty means by console and id. */
    static Sorting parse(String parameter, String name) {
        List<SortKey> keys = new ArrayList<>();
        if (parameter != null && !parameter.isBlank()) {
            for (String term : parameter.split(",")) {
                String trimmed = term.trim();
                boolean descending = trimmed.startsWith("-");
                String fieldName = descending || trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
                LicenseField field = LicenseField.byApiName(fieldName).orElseThrow(() -> ProblemException.badParameter(
                        name, "'" + fieldName + "' is not a field; sort by any of " + LicenseField.apiNames()
                                + ", with '-' for descending"));
                if (!field.stored()) {
                    // a property of the console's snapshot: it moves with every refresh, so a cursor over it could
                    // skip or repeat rows
                    throw ProblemException.badParameter(name, field.apiName()
                            + " cannot be sorted on; it changes with every refresh");
                }
                if (keys.stream().anyMatch(k -> k.field() == field)) {
                    throw ProblemException.badParameter(name, "'" + field.apiName() + "' appears twice");
                }
                keys.add(new SortKey(field, descending));
            }
        }
        return of(keys);
    }

    List<SortKey> keys() {
        return keys;
    }

    /** Console then id, the order rows have in the view's slices. */
    boolean isDefault() {
        return keys.size() == 2 && keys.get(0).equals(new SortKey(LicenseField.CONSOLE, false))
                && keys.get(1).equals(new SortKey(LicenseField.ID, false));
    }

    String orderBy() {
        return " order by " + keys.stream().map(SortKey::orderBy).collect(Collectors.joining(", "));
    }

    String canonical() {
        return keys.stream().map(SortKey::canonical).collect(Collectors.joining(","));
    }

    /**
     * Rows strictly after the row whose sort values are {@code last}: for some key i, all earlier keys equal
     * and key i further along — where "further along" for a non-null value includes null (nulls sort last),
     * and nothing is further along than a null except by a later key.
     */
    void after(SqlBuilder sql, List<Object> last) {
        List<String> alternatives = new ArrayList<>();
        List<String> equalSoFar = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            SortKey key = keys.get(i);
            Object value = last.get(i);
            String column = key.column();
            if (value != null) {
                String placeholder = sql.bind(value) + cast(key.field());
                List<String> terms = new ArrayList<>(equalSoFar);
                terms.add("(" + column + (key.descending() ? " < " : " > ") + placeholder + " or " + column + " is null)");
                alternatives.add("(" + String.join(" and ", terms) + ")");
                equalSoFar.add(column + " = " + placeholder);
            } else {
                equalSoFar.add(column + " is null");
            }
        }
        sql.where(alternatives.isEmpty() ? "false" : "(" + String.join(" or ", alternatives) + ")");
    }

    static String cast(LicenseField field) {
        return switch (field.type()) {
            case TEXT -> "::text";
            case INTEGER -> "::int4";
            case BIGINT -> "::int8";
            case DECIMAL -> "::numeric";
            case TIMESTAMP -> "::timestamptz";
        };
    }

    /** A sort value as cursor text, and back. */
    static String encode(Object value) {
        return value == null ? null : value instanceof BigDecimal d ? d.toPlainString() : value.toString();
    }

    static Object decode(LicenseField field, String text) {
        if (text == null) {
            return null;
        }
        return switch (field.type()) {
            case TEXT -> text;
            case INTEGER -> Integer.valueOf(text);
            case BIGINT -> Long.valueOf(text);
            case DECIMAL -> new BigDecimal(text);
            case TIMESTAMP -> OffsetDateTime.parse(text);
        };
    }
}
