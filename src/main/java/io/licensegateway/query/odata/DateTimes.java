package io.licensegateway.query.odata;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The date-time forms a filter accepts, all read as instants in UTC. */
final class DateTimes {

    // The pattern fixes the shape (four-digit year, at most nine fraction digits); java.time then rejects
    // impossible values such as February 30th.
    private static final Pattern SHAPE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})?)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DATE_START = Pattern.compile("\\d{4}-.*");

    private DateTimes() {
    }

    /** Whether the text starts like a date, so that a malformed one is reported as a date, not as a number. */
    static boolean looksLikeDate(String text) {
        return DATE_START.matcher(text).matches();
    }

    /** A bare date is midnight UTC; a date-time without an offset is taken to be UTC. */
    static Optional<OffsetDateTime> parse(String text) {
        Matcher matcher = SHAPE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            if (matcher.group(1) == null) {
                return Optional.of(LocalDate.parse(text).atStartOfDay().atOffset(ZoneOffset.UTC));
            }
            if (matcher.group(4) == null) {
                return Optional.of(LocalDateTime.parse(text).atOffset(ZoneOffset.UTC));
            }
            return Optional.of(OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String notADateTime(String literal) {
        return literal + " is not a date-time (use datetime'2020-10-24T21:00:00Z' or 2020-10-24T21:00:00Z)";
    }
}
