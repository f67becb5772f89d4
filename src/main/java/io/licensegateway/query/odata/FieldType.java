package io.licensegateway.query.odata;

/** The kinds of column a filter can address; decides which literals a property accepts and how they are bound. */
public enum FieldType {
    TEXT, INTEGER, DECIMAL, TIMESTAMP, BOOLEAN
}
