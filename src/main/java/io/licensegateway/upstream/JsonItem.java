package io.licensegateway.upstream;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One object of an upstream collection, read in a single pass ({@link JsonItems}): the top-level scalar fields its
 * reader named, the scalar elements of such top-level arrays, and its bytes exactly as the console sent them (nested
 * objects such as {@code _links}, and every field not named, are only in {@link #raw()}). Readers are lenient like
 * the consoles: a missing field or {@code null} is {@code null}; a value of the wrong kind is a {@code BAD_RESPONSE}
 * naming the field.
 */
public final class JsonItem {

    private final JsonItems.Fields fields;
    private final Object[] values;
    private final byte[] raw;

    JsonItem(JsonItems.Fields fields, Object[] values, byte[] raw) {
        this.fields = fields;
        this.values = values;
        this.raw = raw;
    }

    /** The value of a field the reader named; asking for another one is a programming error. */
    private Object value(String field) {
        return values[fields.require(field)];
    }

    /** The item as received: stored as it came and hashed to recognise an unchanged license. */
    public byte[] raw() {
        return raw;
    }

    /** A string field; numbers and booleans as their JSON text. */
    public String text(String field) {
        Object value = value(field);
        return value == null || value instanceof List ? null : value instanceof BigDecimal d ? d.toPlainString()
                : value.toString();
    }

    public Integer integer(String field) {
        Object value = value(field);
        if (value == null || value instanceof Integer) {
            return (Integer) value;
        }
        try {
            if (value instanceof BigDecimal d) {
                return d.intValueExact();
            }
        } catch (ArithmeticException notWhole) {
            // reported below
        }
        throw bad(field, "is not a whole number that fits 32 bits");
    }

    public BigDecimal decimal(String field) {
        Object value = value(field);
        if (value == null || value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Integer i) {
            return BigDecimal.valueOf(i);
        }
        throw bad(field, "is not a number");
    }

    public Boolean bool(String field) {
        return value(field) instanceof Boolean b ? b : null;
    }

    public OffsetDateTime dateTime(String field) {
        String value = value(field) instanceof String s ? s : null;
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UpstreamDates.utc(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw bad(field, "is not an ISO-8601 date-time");
        }
    }

    /** The first element of an array field (as text), null when absent, null or empty. */
    public String first(String field) {
        Object value = value(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw bad(field, "is not an array");
        }
        return list.isEmpty() || list.get(0) == null ? null : list.get(0).toString();
    }

    private static UpstreamException bad(String field, String problem) {
        return new UpstreamException(ErrorKind.BAD_RESPONSE, "field " + field + " " + problem);
    }
}
