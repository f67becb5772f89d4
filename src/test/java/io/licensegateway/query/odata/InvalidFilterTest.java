package io.licensegateway.query.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Filters that must be refused, by the parser or the translator, with the position and token at fault. */
class InvalidFilterTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                // nothing where something is required
                row("", 1, "", "unexpected end of input, expected a property, a value or a function"),
                row("companyName eq", 15, "", "unexpected end of input, expected a property, a value or a function"),
                row("companyName eq 'a' and", 23, "", "unexpected end of input"),
                row("not", 4, "", "unexpected end of input"),
                row("(companyName eq 'a'", 20, "", "unexpected end of input, expected ')'"),
                row("contains(companyName, 'a'", 26, "", "unexpected end of input, expected ')'"),
                row("()", 2, ")", "expected a property, a value or a function but found ')'"),
                // tokens out of place
                row("companyName eq 'a')", 19, ")", "expected 'and', 'or' or the end of the filter but found ')'"),
                row("contains(companyName, 'a' and status eq 'b')", 27, "and", "expected ')' but found 'and'"),
                row("companyName eq eq 'x'", 16, "eq", "expected a property, a value or a function but found 'eq'"),
                row("companyName eq 'a' eq 'b'", 20, "eq", "expected 'and', 'or' or the end of the filter but found 'eq'"),
                row("status in ('a', 'b')", 8, "in", "expected 'and', 'or' or the end of the filter but found 'in'"),
                row("contains(companyName)", 21, ")", "expected ',' but found ')'"),
                row("tolower(companyName, 'x') eq 'y'", 20, ",", "expected ')' but found ','"),
                row("frobnicate(companyName) eq 'x'", 1, "frobnicate",
                        "unknown function 'frobnicate'; supported: contains, endswith, startswith, substringof, tolower"),
                // characters and literals that cannot be read
                row("companyName eq 'acme", 16, "'acme", "unterminated string literal"),
                row("companyName eq x'", 17, "'", "unterminated string literal"),
                row("company/name eq 'x'", 8, "/", "property paths like 'a/b' are not supported"),
                row("companyName eq 'a'; drop", 19, ";", "unexpected character ';'"),
                row("companyName eq 'x' -- comment", 20, "-", "unexpected character '-'"),
                row("companyName eq \u2019x\u2019", 16, "\u2019", "unexpected character '\u2019'"),
                row("companyName eq 'a\u0000b'", 18, "\u0000", "a string cannot contain the character U+0000"),
                row("companyName eq 'a' \u0007", 20, "\u0007", "unexpected character U+0007"),
                row("licensedVMs gt 12abc", 16, "12abc", "'12abc' is not a number"),
                row("licensedVMs gt 1.5L", 16, "1.5L", "'1.5L' is not a number"),
                row("licensedVMs gt 99999999999999999999", 16, "99999999999999999999", "is too large for a whole number"),
                row("licenseExpirationDate lt 2020-02-30", 26, "2020-02-30", "2020-02-30 is not a date-time"),
                row("licenseExpirationDate lt 2020-10-24T21:00:00.1234567890Z", 26,
                        "2020-10-24T21:00:00.1234567890Z", "is not a date-time"),
                row("licenseExpirationDate lt datetime'2020-10-24T25:00:00'", 26, "datetime'2020-10-24T25:00:00'",
                        "datetime'2020-10-24T25:00:00' is not a date-time (use datetime'2020-10-24T21:00:00Z'"),
                // unknown names and type errors, found by the translator
                row("fooBar eq 1", 1, "fooBar", "unknown property 'fooBar'; known: autoRenewal, companyName, edition"),
                row("company_name eq 'x'", 1, "company_name", "unknown property 'company_name'"),
                row("companyName eq 100", 16, "100", "expected a quoted string like 'abc' but found 100"),
                row("companyName eq datetime'2020-10-24T21:00:00Z'", 16, "datetime'2020-10-24T21:00:00Z'",
                        "expected a quoted string like 'abc' but found datetime'"),
                row("licensedVMs eq 'ten'", 16, "'ten'", "expected a number but found 'ten'"),
                row("totalInstances lt true", 19, "true", "expected a number but found true"),
                row("autoRenewal eq 'yes'", 16, "'yes'", "expected true or false but found 'yes'"),
                row("licenseExpirationDate lt 'abc'", 26, "'abc'",
                        "'abc' is not a date-time (use datetime'2020-10-24T21:00:00Z' or 2020-10-24T21:00:00Z)"),
                row("licenseExpirationDate gt 5", 26, "5", "5 is not a date-time"),
                row("companyName gt null", 16, "null", "null can only be compared with eq or ne, not gt"),
                row("contains(licensedVMs, '1')", 10, "licensedVMs", "expected text but 'licensedVMs' is a number"),
                row("tolower(licenseExpirationDate) eq 'x'", 9, "licenseExpirationDate",
                        "expected text but 'licenseExpirationDate' is a date-time"),
                row("startswith(companyName, 5)", 25, "5", "expected a quoted string like 'abc' but found 5"),
                row("contains(companyName, 'a') eq 1", 31, "1", "expected true or false but found 1"),
                row("licensedVMs eq companyName", 16, "companyName", "expected a number but 'companyName' is text"),
                row("companyName", 1, "companyName", "expected a condition but found 'companyName'"),
                row("companyName eq 'a' and tolower(status)", 24, "tolower", "expected a condition but found 'tolower'"),
                row("true", 1, "true", "expected a condition but found true"),
                row("1 eq 1", 1, "1", "a comparison needs a property or a function on one side, not two values"),
                row("null eq null", 1, "null", "not two values"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void isRejected(String filter, int position, String token, String fragment) {
        assertThatThrownBy(() -> Fixtures.compile(filter))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> {
                    assertThat(e.getMessage()).startsWith("at position " + position + ": ").contains(fragment);
                    assertThat(e.position()).isEqualTo(position);
                    assertThat(e.token()).isEqualTo(token);
                    assertThat(e.getMessage()).doesNotContainPattern("[a-z]+\\.[a-z]+\\.[A-Z]\\w+|Exception");
                });
    }

    private static Arguments row(String filter, int position, String token, String fragment) {
        return Arguments.of(filter, position, token, fragment);
    }
}
