package io.licensegateway.query.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** Binds a literal as a parameter of the type of whatever it is compared with. */
final class Literals {

    /** A value of a type the reactive PostgreSQL client binds, and the SQL type to cast its placeholder to. */
    record Parameter(Object value, String sqlType) {
    }

    private Literals() {
    }

    static Parameter bind(Expr.Literal literal, FieldType type) {
        Object value = literal.value();
        return switch (type) {
            case TEXT -> {
                if (value instanceof String) {
                    yield new Parameter(value, "text");
                }
                throw mismatch(literal, "a quoted string like 'abc'");
            }
            case INTEGER -> {
                if (value instanceof Long) {
                    yield new Parameter(value, "int8");
                }
                // 1.5 against a whole-number column is compared exactly, as numeric, not rounded to fit
                if (value instanceof BigDecimal) {
                    yield new Parameter(value, "numeric");
                }
                throw mismatch(literal, "a number");
            }
            case DECIMAL -> {
                if (value instanceof Long whole) {
                    yield new Parameter(BigDecimal.valueOf(whole), "numeric");
                }
                if (value instanceof BigDecimal) {
                    yield new Parameter(value, "numeric");
                }
                throw mismatch(literal, "a number");
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    yield new Parameter(value, "boolean");
                }
                throw mismatch(literal, "true or false");
            }
            case TIMESTAMP -> new Parameter(timestamp(literal), "timestamptz");
        };
    }

    /** Quoted strings are accepted too: clients written against OData v2/v3 often send dates that way. */
    private static OffsetDateTime timestamp(Expr.Literal literal) {
        if (literal.value() instanceof OffsetDateTime timestamp) {
            return timestamp;
        }
        if (literal.value() instanceof String text) {
            return DateTimes.parse(text).orElseThrow(() -> notADateTime(literal));
        }
        throw notADateTime(literal);
    }

    private static ODataSyntaxException notADateTime(Expr.Literal literal) {
        return new ODataSyntaxException(literal.position(), literal.text(), DateTimes.notADateTime(literal.text()));
    }

    private static ODataSyntaxException mismatch(Expr.Literal literal, String expected) {
        return new ODataSyntaxException(literal.position(), literal.text(),
                "expected " + expected + " but found " + literal.text());
    }
}
