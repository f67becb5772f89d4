package io.licensegateway.query;

/** One ORDER BY term; nulls always sort last, in both directions. */
record SortKey(LicenseField field, boolean descending) {

    String orderBy() {
        return field.sql() + (descending ? " desc" : " asc") + " nulls last";
    }

    String canonical() {
        return (descending ? "-" : "") + field.apiName();
    }
}
