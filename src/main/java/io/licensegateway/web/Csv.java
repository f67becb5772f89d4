package io.licensegateway.web;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/**
 * RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or line breaks quoted. Text that a spreadsheet
 * would run as a formula (starting with {@code = + - @}, tab or CR) gets a leading {@code '}, as OWASP recommends
 * against CSV injection; numbers are written as they are.
 */
public final class Csv {

    private Csv() {
    }

    public static String line(List<?> values) {
        return values.stream().map(Csv::field).collect(Collectors.joining(",", "", "\r\n"));
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text;
        if (value instanceof BigDecimal decimal) {
            text = decimal.toPlainString();
        } else if (value instanceof OffsetDateTime time) {
            text = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time);
        } else if (value instanceof Number) {
            text = value.toString();
        } else {
            text = neutralised(value.toString());
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0
                || text.indexOf('\r') >= 0;
        return quote ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String neutralised(String text) {
        return !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
