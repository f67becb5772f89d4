package io.licensegateway.query;

/**
 * One ORDER BY term; nulls always sort last, in both directions. Text sorts by code point ({@code COLLATE "C"}), the
 * order of the in-memory view ({@link Texts}), whatever the database's default collation.
 */
record SortKey(LicenseField field, boolean descending) {

    String orderBy() {
        return column() + (descending ? " desc" : " asc") + " nulls last";
    }

    /** The column as it is ordered and compared. */
    String column() {
        return field.type() == LicenseField.Type.TEXT ? field.sql() + " collate \"C\"" : field.sql();
    }

    String canonical() {
        return (descending ? "-" : "") + field.apiName();
    }
}
