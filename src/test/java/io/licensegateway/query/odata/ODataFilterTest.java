package io.licensegateway.query.odata;

import static io.licensegateway.query.odata.Fixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ODataFilterTest {

    @Test
    void andBindsTighterThanOr() {
        assertThat(tree("a eq 1 or b eq 2 and c eq 3")).isEqualTo("(or (eq a 1) (and (eq b 2) (eq c 3)))");
        assertThat(tree("a eq 1 and b eq 2 or c eq 3")).isEqualTo("(or (and (eq a 1) (eq b 2)) (eq c 3))");
    }

    @Test
    void chainsOfTheSameOperatorAreFlat() {
        assertThat(tree("a eq 1 or b eq 2 or c eq 3")).isEqualTo("(or (eq a 1) (eq b 2) (eq c 3))");
        assertThat(tree("a eq 1 and b eq 2 and c eq 3")).isEqualTo("(and (eq a 1) (eq b 2) (eq c 3))");
    }

    @Test
    void parenthesesOverridePrecedence() {
        assertThat(tree("(a eq 1 or b eq 2) and c eq 3")).isEqualTo("(and (or (eq a 1) (eq b 2)) (eq c 3))");
        assertThat(tree("a eq 1 and (b eq 2 or (c eq 3))")).isEqualTo("(and (eq a 1) (or (eq b 2) (eq c 3)))");
        assertThat(tree("((a eq 1))")).isEqualTo("(eq a 1)");
    }

    @Test
    void notTakesTheWholeComparisonAndBindsTighterThanAnd() {
        assertThat(tree("not a eq 1 and b eq 2")).isEqualTo("(and (not (eq a 1)) (eq b 2))");
        assertThat(tree("not (a eq 1 or b eq 2)")).isEqualTo("(not (or (eq a 1) (eq b 2)))");
        assertThat(tree("not(a eq 1)")).isEqualTo("(not (eq a 1))");
        assertThat(tree("not not a eq 1")).isEqualTo("(not (not (eq a 1)))");
        assertThat(tree("not contains(a, 'x')")).isEqualTo("(not (contains a \"x\"))");
    }

    @Test
    void everyComparisonOperator() {
        assertThat(tree("a eq 1 and a ne 2 and a gt 3 and a ge 4 and a lt 5 and a le 6"))
                .isEqualTo("(and (eq a 1) (ne a 2) (gt a 3) (ge a 4) (lt a 5) (le a 6))");
    }

    @Test
    void keywordsAndFunctionNamesAreCaseInsensitive() {
        assertThat(tree("A EQ 1 AnD b Ne 2 OR NOT c gT 3"))
                .isEqualTo("(or (and (eq A 1) (ne b 2)) (not (gt c 3)))");
        assertThat(tree("CONTAINS(ToLower(name), 'x') Eq TRUE")).isEqualTo("(eq (contains (tolower name) \"x\") true)");
        assertThat(tree("x eq NULL or x eq False")).isEqualTo("(or (eq x null) (eq x false))");
    }

    @Test
    void propertyNamesKeepTheirSpelling() {
        assertThat(ODataFilter.parse("companyName eq 'x'"))
                .isEqualTo(new Expr.Comparison(new Expr.Property("companyName", 1), Operator.EQ,
                        new Expr.Literal("x", "'x'", 16)));
    }

    @Test
    void anyWhitespaceSeparatesTokens() {
        assertThat(tree("\ta\neq   1\r\nand(b eq 2)  ")).isEqualTo("(and (eq a 1) (eq b 2))");
    }

    static Stream<Arguments> literals() {
        return Stream.of(
                Arguments.of("'abc'", "abc"),
                Arguments.of("'O''Brien'", "O'Brien"),
                Arguments.of("''''", "'"),
                Arguments.of("''", ""),
                Arguments.of("'50% _off'", "50% _off"),
                Arguments.of("42", 42L),
                Arguments.of("-7", -7L),
                Arguments.of("1L", 1L),
                Arguments.of("9223372036854775807", Long.MAX_VALUE),
                Arguments.of("1.5", new BigDecimal("1.5")),
                Arguments.of("-0.25", new BigDecimal("-0.25")),
                Arguments.of("1.5M", new BigDecimal("1.5")),
                Arguments.of("1.5m", new BigDecimal("1.5")),
                Arguments.of("2d", new BigDecimal("2")),
                Arguments.of("2.75F", new BigDecimal("2.75")),
                Arguments.of("true", Boolean.TRUE),
                Arguments.of("FALSE", Boolean.FALSE));
    }

    @ParameterizedTest
    @MethodSource("literals")
    void literalValuesHaveTheirJavaType(String literal, Object expected) {
        Expr.Literal parsed = rightLiteral("x eq " + literal);

        assertThat(parsed.value()).isEqualTo(expected).hasSameClassAs(expected);
        assertThat(parsed.text()).isEqualTo(literal);
        assertThat(parsed.position()).isEqualTo(6);
    }

    @Test
    void nullLiteralHasNoValue() {
        Expr.Literal parsed = rightLiteral("x ne null");

        assertThat(parsed.value()).isNull();
        assertThat(parsed.text()).isEqualTo("null");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "datetime'2020-10-24T21:00:00'            | 2020-10-24T21:00:00Z",
            "DateTime'2020-10-24T21:00:00+02:00'      | 2020-10-24T19:00:00Z",
            "datetimeoffset'2020-10-24T21:00:00Z'     | 2020-10-24T21:00:00Z",
            "datetimeoffset'2020-10-24T21:00:00-05:00' | 2020-10-25T02:00:00Z",
            "2020-10-24T21:00:00Z                     | 2020-10-24T21:00:00Z",
            "2020-10-24T21:00:00.1234567+03:00        | 2020-10-24T18:00:00.1234567Z",
            "2020-10-24T21:00:00.123456789-01:30      | 2020-10-24T22:30:00.123456789Z",
            "2020-10-24T21:00:00                      | 2020-10-24T21:00:00Z",
            "2020-10-24T21:00                         | 2020-10-24T21:00:00Z",
            "2020-10-24t21:00:00z                     | 2020-10-24T21:00:00Z",
            "2020-10-24                               | 2020-10-24T00:00:00Z",
            "datetime'2020-10-24'                     | 2020-10-24T00:00:00Z",
    })
    void dateTimesBecomeUtcInstants(String literal, String expected) {
        Expr.Literal parsed = rightLiteral("x lt " + literal);

        assertThat(parsed.value()).isInstanceOf(OffsetDateTime.class);
        OffsetDateTime value = (OffsetDateTime) parsed.value();
        assertThat(value.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(value).isEqualTo(OffsetDateTime.parse(expected));
        assertThat(parsed.text()).isEqualTo(literal);
    }

    @Test
    void aQuotedDateStaysTextUntilItMeetsATimestampField() {
        assertThat(rightLiteral("x lt '2020-10-24'").value()).isEqualTo("2020-10-24");
    }

    @Test
    void everyFunction() {
        assertThat(tree("contains(companyName, 'acme')")).isEqualTo("(contains companyName \"acme\")");
        assertThat(tree("substringof('acme', companyName)")).isEqualTo("(substringof \"acme\" companyName)");
        assertThat(tree("startswith(companyName,'ac')")).isEqualTo("(startswith companyName \"ac\")");
        assertThat(tree("endswith(companyName, 'me')")).isEqualTo("(endswith companyName \"me\")");
        assertThat(tree("tolower(status) eq 'valid'")).isEqualTo("(eq (tolower status) \"valid\")");
        assertThat(tree("contains(tolower(companyName), 'acme')"))
                .isEqualTo("(contains (tolower companyName) \"acme\")");
        assertThat(tree("contains(companyName,'x') eq true")).isEqualTo("(eq (contains companyName \"x\") true)");
        assertThat(tree("contains (companyName, 'x')")).isEqualTo("(contains companyName \"x\")");
    }

    @Test
    void nodesRememberWhereTheyStart() {
        Expr.And and = (Expr.And) ODataFilter.parse("status eq 'a' and not contains(tolower(edition), 'b')");
        Expr.Not not = (Expr.Not) and.operands().get(1);
        Expr.Call contains = (Expr.Call) not.operand();
        Expr.Call lower = (Expr.Call) contains.arguments().get(0);

        assertThat(and.position()).isEqualTo(1);
        assertThat(((Expr.Comparison) and.operands().get(0)).right().position()).isEqualTo(11);
        assertThat(not.position()).isEqualTo(19);
        assertThat(contains.position()).isEqualTo(23);
        assertThat(lower.position()).isEqualTo(32);
        assertThat(lower.arguments().get(0).position()).isEqualTo(40);
        assertThat(contains.arguments().get(1).position()).isEqualTo(50);
    }

    @Test
    void nestingUpTo32LevelsIsAllowed() {
        assertThat(tree("(".repeat(32) + "a eq 1" + ")".repeat(32))).isEqualTo("(eq a 1)");
        assertThat(tree("not ".repeat(32) + "a eq 1")).startsWith("(not ".repeat(32) + "(eq a 1)");
        assertThat(tree("tolower(".repeat(32) + "a" + ")".repeat(32) + " eq 'x'")).contains("tolower a");
    }

    @Test
    void parenthesesDeeperThan32LevelsAreRejected() {
        assertThatThrownBy(() -> ODataFilter.parse("(".repeat(33) + "a eq 1" + ")".repeat(33)))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(33);
                    assertThat(e.token()).isEqualTo("(");
                    assertThat(e).hasMessage("at position 33: the filter is nested deeper than 32 levels");
                });
    }

    @Test
    void notParenthesesAndFunctionsAllCountAsLevels() {
        String thirtyOneLevels = "not (".repeat(15) + "not ";
        assertThat(tree(thirtyOneLevels + "contains(a, 'x')" + ")".repeat(15))).contains("(contains a \"x\")");

        assertThatThrownBy(() -> ODataFilter.parse(thirtyOneLevels + "contains(tolower(a), 'x')" + ")".repeat(15)))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> {
                    assertThat(e.token()).isEqualTo("tolower");
                    assertThat(e.position()).isEqualTo(89);
                });
    }

    @Test
    void filtersUpTo2000CharactersAreAllowed() {
        String filter = "companyName eq '" + "a".repeat(2000 - 17) + "'";
        assertThat(filter).hasSize(2000);

        assertThat(rightLiteral(filter).value()).isEqualTo("a".repeat(1983));
    }

    @Test
    void longerFiltersAreRejectedBeforeParsing() {
        String filter = "companyName eq '" + "a".repeat(2000 - 16) + "'";

        assertThatThrownBy(() -> ODataFilter.parse(filter))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> {
                    assertThat(e.position()).isEqualTo(2001);
                    assertThat(e).hasMessage("at position 2001: the filter is longer than 2000 characters");
                });
    }

    @Test
    void longFlatChainsDoNotNest() {
        String filter = String.join(" or ", java.util.Collections.nCopies(150, "a eq 1"));

        assertThat(((Expr.Or) ODataFilter.parse(filter)).operands()).hasSize(150);
    }

    @Test
    void treesAreValues() {
        Expr parsed = ODataFilter.parse("contains(a, 'x') and b eq 1");

        assertThat(parsed).isEqualTo(ODataFilter.parse("contains(a, 'x') and b eq 1"));
        assertThat(((Expr.And) parsed).operands()).hasSize(2).isUnmodifiable();
        assertThat(parsed).isNotEqualTo(ODataFilter.parse("contains(a, 'y') and b eq 1"));
        assertThat(((Expr.Call) ((Expr.And) parsed).operands().get(0)).arguments())
                .isEqualTo(List.of(new Expr.Property("a", 10), new Expr.Literal("x", "'x'", 13)));
    }

    private static Expr.Literal rightLiteral(String filter) {
        return (Expr.Literal) ((Expr.Comparison) ODataFilter.parse(filter)).right();
    }
}
