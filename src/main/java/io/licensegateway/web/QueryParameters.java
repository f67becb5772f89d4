package io.licensegateway.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import jakarta.ws.rs.core.MultivaluedMap;

/** Reads and checks query parameters; every problem is a 400 that names the parameter and what is allowed. */
public final class QueryParameters {

    /** A date-time with an offset, one without (UTC), a date (midnight UTC). */
    private static final List<Function<String, OffsetDateTime>> DATE_TIME_SHAPES = List.of(
            value -> OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC),
            value -> LocalDateTime.parse(value).atOffset(ZoneOffset.UTC),
            value -> LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC));

    private final MultivaluedMap<String, String> values;

    public QueryParameters(MultivaluedMap<String, String> values, Set<String> allowed) {
        this.values = values;
        values.forEach((name, given) -> {
            if (!allowed.contains(name)) {
                throw ProblemException.badParameter(name, "unknown parameter; allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            // PostgreSQL refuses text containing NUL; say so here instead of failing in the database
            if (given.stream().anyMatch(v -> v.indexOf('\u0000') >= 0)) {
                throw ProblemException.badParameter(name, "must not contain a NUL character");
            }
        });
    }

    /** Every value of a repeatable parameter; comma-separated values count as several. */
    public List<String> list(String name) {
        List<String> given = values.get(name);
        return given == null ? List.of()
                : given.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty())
                        .toList();
    }

    public String single(String name) {
        List<String> given = values.get(name);
        if (given == null || given.isEmpty()) {
            return null;
        }
        if (given.size() > 1) {
            throw ProblemException.badParameter(name, "give it once");
        }
        String value = given.get(0).trim();
        return value.isEmpty() ? null : value;
    }

    /** The value, lower-cased, if it is one of {@code allowed}; null when absent. */
    public String oneOf(String name, String... allowed) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        if (!Arrays.asList(allowed).contains(lower)) {
            throw ProblemException.badParameter(name, "'" + value + "' is not one of " + String.join(", ", allowed));
        }
        return lower;
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = single(name);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ProblemException.badParameter(name, "'" + value + "' is not a whole number from " + min + " to " + max);
    }

    /** A date ({@code 2026-01-31}, midnight UTC) or a date-time (offset optional, UTC if absent). */
    public OffsetDateTime dateTime(String name) {
        String value = single(name);
        if (value == null) {
            return null;
        }
        for (Function<String, OffsetDateTime> shape : DATE_TIME_SHAPES) {
            try {
                return shape.apply(value);
            } catch (DateTimeParseException notThisShape) {
                // try the next one
            }
        }
        throw ProblemException.badParameter(name, "'" + value
                + "' is not a date (2026-01-31) or a date-time (2026-01-31T12:00:00Z)");
    }
}
