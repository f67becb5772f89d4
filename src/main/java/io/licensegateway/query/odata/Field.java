package io.licensegateway.query.odata;

import java.util.Objects;

/**
 * A filterable property: the SQL it stands for and its type. The expression is trusted, written by us, never by a
 * caller; it is used as an operand as is, so anything beyond a plain column needs its own parentheses.
 */
public record Field(String sqlExpression, FieldType type) {

    public Field {
        Objects.requireNonNull(sqlExpression, "sqlExpression");
        Objects.requireNonNull(type, "type");
    }
}
