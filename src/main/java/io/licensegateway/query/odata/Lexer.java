package io.licensegateway.query.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.licensegateway.query.odata.Token.Kind;

/** Splits a filter into tokens on demand, so that the first error in reading order is the one reported. */
final class Lexer {

    // OData suffixes: L marks an Int64; M, D and F mark decimal, double and single, all of which we keep exact.
    private static final Pattern NUMBER = Pattern.compile("(-?\\d+)(?:[lL]|(\\.\\d+)?([mMdDfF])?)");

    private final String text;
    private int index;

    Lexer(String text) {
        this.text = text;
    }

    Token next() {
        while (index < text.length() && Character.isWhitespace(text.charAt(index))) {
            index++;
        }
        int start = index;
        if (start == text.length()) {
            return new Token(Kind.END, "", start + 1, null);
        }
        char c = text.charAt(start);
        return switch (c) {
            case '(' -> symbol(Kind.LEFT_PAREN);
            case ')' -> symbol(Kind.RIGHT_PAREN);
            case ',' -> symbol(Kind.COMMA);
            case '\'' -> string();
            case '/' -> throw new ODataSyntaxException(start + 1, "/", "property paths like 'a/b' are not supported");
            default -> {
                if (isWordStart(c)) {
                    yield word();
                }
                if (isDigit(c) || c == '-' && start + 1 < text.length() && isDigit(text.charAt(start + 1))) {
                    yield numberOrDateTime();
                }
                int codePoint = text.codePointAt(start);
                throw new ODataSyntaxException(start + 1, Character.toString(codePoint),
                        "unexpected character " + shown(codePoint));
            }
        };
    }

    private Token symbol(Kind kind) {
        index++;
        return new Token(kind, text.substring(index - 1, index), index, null);
    }

    /** A quoted string in which {@code ''} stands for one quote. */
    private Token string() {
        int start = index;
        StringBuilder value = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= text.length()) {
                throw new ODataSyntaxException(start + 1, text.substring(start), "unterminated string literal");
            }
            char c = text.charAt(i);
            // PostgreSQL text cannot hold it: the query would fail in the database instead of here
            if (c == '\0') {
                throw new ODataSyntaxException(i + 1, "\0", "a string cannot contain the character U+0000");
            }
            if (c == '\'') {
                if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                    value.append('\'');
                    i += 2;
                    continue;
                }
                break;
            }
            value.append(c);
            i++;
        }
        index = i + 1;
        return new Token(Kind.STRING, text.substring(start, index), start + 1, value.toString());
    }

    /** A name, or the OData v3 typed literals {@code datetime'…'} and {@code datetimeoffset'…'}. */
    private Token word() {
        int start = index;
        while (index < text.length() && (isWordStart(text.charAt(index)) || isDigit(text.charAt(index)))) {
            index++;
        }
        String word = text.substring(start, index);
        boolean typed = word.equalsIgnoreCase("datetime") || word.equalsIgnoreCase("datetimeoffset");
        if (!typed || index == text.length() || text.charAt(index) != '\'') {
            return new Token(Kind.WORD, word, start + 1, null);
        }
        Token quoted = string();
        String literal = text.substring(start, index);
        OffsetDateTime value = DateTimes.parse((String) quoted.value())
                .orElseThrow(() -> new ODataSyntaxException(start + 1, literal, DateTimes.notADateTime(literal)));
        return new Token(Kind.DATE_TIME, literal, start + 1, value);
    }

    /**
     * Takes everything that could belong to a number or an OData v4 bare date-time, then decides which it is,
     * so that {@code 12abc} or {@code 2020-13-01} is reported whole.
     */
    private Token numberOrDateTime() {
        int start = index;
        while (index < text.length() && isNumberPart(text.charAt(index))) {
            index++;
        }
        String literal = text.substring(start, index);
        if (DateTimes.looksLikeDate(literal)) {
            OffsetDateTime value = DateTimes.parse(literal)
                    .orElseThrow(() -> new ODataSyntaxException(start + 1, literal, DateTimes.notADateTime(literal)));
            return new Token(Kind.DATE_TIME, literal, start + 1, value);
        }
        return new Token(Kind.NUMBER, literal, start + 1, number(literal, start + 1));
    }

    private static Object number(String literal, int position) {
        Matcher matcher = NUMBER.matcher(literal);
        if (!matcher.matches()) {
            throw new ODataSyntaxException(position, literal, "'" + literal + "' is not a number");
        }
        String integer = matcher.group(1);
        String fraction = matcher.group(2);
        if (fraction != null || matcher.group(3) != null) {
            return new BigDecimal(fraction == null ? integer : integer + fraction);
        }
        try {
            return Long.parseLong(integer);
        } catch (NumberFormatException e) {
            throw new ODataSyntaxException(position, literal, "'" + literal + "' is too large for a whole number");
        }
    }

    private static String shown(int codePoint) {
        return Character.isISOControl(codePoint) ? String.format("U+%04X", codePoint)
                : "'" + Character.toString(codePoint) + "'";
    }

    private static boolean isWordStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNumberPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '.' || c == ':' || c == '+' || c == '-';
    }
}
