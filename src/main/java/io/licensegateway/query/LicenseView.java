package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.licensegateway.web.ProblemException;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Turns rows of {@link LicenseRepository#SELECT} into the served shape, optionally limited to some fields; the
 * console's snapshot properties come from the {@link ViewPoint} the rows were read in.
 */
final class LicenseView {

    static final List<LicenseField> ALL = List.of(LicenseField.values());

    private LicenseView() {
    }

    /** {@code fields=companyName,status}; empty means all. Console and id are always included. */
    static List<LicenseField> fields(String parameter) {
        if (parameter == null || parameter.isBlank()) {
            return ALL;
        }
        List<LicenseField> chosen = Arrays.stream(parameter.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(name -> LicenseField.byApiName(name).orElseThrow(() -> ProblemException.badParameter("fields",
                        "'" + name + "' is not a field; choose from " + LicenseField.apiNames())))
                .toList();
        return ALL.stream().filter(f -> f == LicenseField.CONSOLE || f == LicenseField.ID || chosen.contains(f)).toList();
    }

    static Map<String, Object> of(Row row, List<LicenseField> fields, ViewPoint view) {
        return of(fields, field -> value(row, field, view));
    }

    /** A license whose stored fields {@code stored} gives (a row of the in-memory view), in {@code view}. */
    static Map<String, Object> of(Function<LicenseField, Object> stored, List<LicenseField> fields, ViewPoint view) {
        String console = (String) stored.apply(LicenseField.CONSOLE);
        return of(fields, field -> field.stored() ? stored.apply(field) : view.snapshotProperty(console, field));
    }

    /** Any field of a license whose stored fields {@code stored} gives, in {@code view}. */
    static Object value(Function<LicenseField, Object> stored, LicenseField field, ViewPoint view) {
        return field.stored() ? stored.apply(field)
                : view.snapshotProperty((String) stored.apply(LicenseField.CONSOLE), field);
    }

    /** Every field of a version whose snapshot properties ({@code asOf}, {@code snapshotId}) are given. */
    static Map<String, Object> of(Row row, OffsetDateTime asOf, Long snapshotId) {
        return of(ALL, field -> field.stored() ? value(row, field) : field == LicenseField.AS_OF ? asOf : snapshotId);
    }

    private static Map<String, Object> of(List<LicenseField> fields, Function<LicenseField, Object> value) {
        Map<String, Object> license = new LinkedHashMap<>();
        for (LicenseField field : fields) {
            license.put(field.apiName(), value.apply(field));
        }
        return license;
    }

    /** A stored column of the row. */
    static Object value(Row row, LicenseField field) {
        return field.type().read(row, field.ordinal());
    }

    /** Any field: stored columns from the row, the snapshot's properties from the view. */
    static Object value(Row row, LicenseField field, ViewPoint view) {
        return field.stored() ? value(row, field)
                : view.snapshotProperty(row.getString(LicenseField.CONSOLE.ordinal()), field);
    }
}
