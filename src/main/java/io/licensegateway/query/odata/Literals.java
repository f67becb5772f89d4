package io.licensegateway.query.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Gives a literal the type of whatever it is compared with. */
final class Literals {

    /** Where PostgreSQL counts the microseconds of a timestamptz from. */
    private static final OffsetDateTime POSTGRES_EPOCH = OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private Literals() {
    }

    /** A {@link String}, {@link Long} or {@link BigDecimal} (INTEGER), {@link BigDecimal}, {@link Boolean}, UTC time. */
    static Object bind(Expr.Literal literal, FieldType type) {
        Object value = literal.value();
        return switch (type) {
            case TEXT -> {
                if (value instanceof String) {
                    yield value;
                }
                throw mismatch(literal, "a quoted string like 'abc'");
            }
            case INTEGER -> {
                // 1.5 against a whole-number column is compared exactly, as numeric, not rounded to fit
                if (value instanceof Long || value instanceof BigDecimal) {
                    yield value;
                }
                throw mismatch(literal, "a number");
            }
            case DECIMAL -> {
                if (value instanceof Long whole) {
                    yield BigDecimal.valueOf(whole);
                }
                if (value instanceof BigDecimal) {
                    yield value;
                }
                throw mismatch(literal, "a number");
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw mismatch(literal, "true or false");
            }
            case TIMESTAMP -> microseconds(timestamp(literal));
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

    /**
     * Stored times hold whole microseconds, and the PostgreSQL client cuts a finer time toward 2000-01-01 when it
     * binds one; cutting the literal the same way keeps {@code eq}, {@code lt} and {@code le} agreeing with the
     * database about a literal such as {@code 2020-10-24T21:00:00.0000005Z}.
     */
    private static OffsetDateTime microseconds(OffsetDateTime timestamp) {
        return POSTGRES_EPOCH.plus(POSTGRES_EPOCH.until(timestamp, ChronoUnit.MICROS), ChronoUnit.MICROS);
    }

    private static ODataSyntaxException notADateTime(Expr.Literal literal) {
        return new ODataSyntaxException(literal.position(), literal.text(), DateTimes.notADateTime(literal.text()));
    }

    private static ODataSyntaxException mismatch(Expr.Literal literal, String expected) {
        return new ODataSyntaxException(literal.position(), literal.text(),
                "expected " + expected + " but found " + literal.text());
    }
}
