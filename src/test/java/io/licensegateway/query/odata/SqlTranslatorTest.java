package io.licensegateway.query.odata;

import static io.licensegateway.query.odata.Fixtures.where;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlTranslatorTest {

    @Test
    void comparisonsBecomeTypedPlaceholders() {
        SqlWhere where = where("status eq 'Valid' and licensedCloudconnectBackups gt 100");

        assertThat(where.sql()).isEqualTo("(l.status = $1::text and l.licensed_cloudconnect_backups > $2::int8)");
        assertThat(where.parameters()).containsExactly("Valid", 100L);
        assertThat(where.parameters().get(1)).isInstanceOf(Long.class);
    }

    @Test
    void placeholdersStartWhereTheCallerSays() {
        SqlWhere where = Fixtures.TRANSLATOR.translate(
                ODataFilter.parse("status eq 'a' or (edition ne 'b' and licensedVMs le 3)"), 3);

        assertThat(where.sql())
                .isEqualTo("(l.status = $3::text or (l.edition is distinct from $4::text and l.licensed_vms <= $5::int8))");
        assertThat(where.parameters()).containsExactly("a", "b", 3L);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "licensedVMs eq 5 | l.licensed_vms = $1::int8",
            "licensedVMs ne 5 | l.licensed_vms is distinct from $1::int8",
            "licensedVMs gt 5 | l.licensed_vms > $1::int8",
            "licensedVMs ge 5 | l.licensed_vms >= $1::int8",
            "licensedVMs lt 5 | l.licensed_vms < $1::int8",
            "licensedVMs le 5 | l.licensed_vms <= $1::int8",
            "5 lt licensedVMs | l.licensed_vms > $1::int8",
            "5 gt licensedVMs | l.licensed_vms < $1::int8",
            "5 ge licensedVMs | l.licensed_vms <= $1::int8",
            "5 le licensedVMs | l.licensed_vms >= $1::int8",
            "5 eq licensedVMs | l.licensed_vms = $1::int8",
            "5 ne licensedVMs | l.licensed_vms is distinct from $1::int8",
    })
    void operators(String filter, String sql) {
        SqlWhere where = where(filter);

        assertThat(where.sql()).isEqualTo(sql);
        assertThat(where.parameters()).containsExactly(5L);
    }

    @Test
    void nullComparisonsBecomeNullTests() {
        assertThat(where("companyName eq null")).isEqualTo(new SqlWhere("l.company_name is null", List.of()));
        assertThat(where("companyName ne null")).isEqualTo(new SqlWhere("l.company_name is not null", List.of()));
        assertThat(where("null eq licenseExpirationDate").sql()).isEqualTo("l.license_expiration_date is null");
        assertThat(where("tolower(status) ne null").sql()).isEqualTo("lower(l.status) is not null");
    }

    @Test
    void notCountsAnUnknownConditionAsFalse() {
        SqlWhere where = where("not (status eq 'Valid' or licensedVMs gt 1)");

        assertThat(where.sql()).isEqualTo("not coalesce((l.status = $1::text or l.licensed_vms > $2::int8), false)");
        assertThat(where("not status eq 'Valid'").sql()).isEqualTo("not coalesce(l.status = $1::text, false)");
    }

    @Test
    void twoPropertiesCompareDirectlyAndEqualityTreatsNullsAsEqual() {
        assertThat(where("usedVMs gt licensedVMs")).isEqualTo(new SqlWhere("l.used_vms > l.licensed_vms", List.of()));
        assertThat(where("usedVMs eq licensedVMs").sql()).isEqualTo("l.used_vms is not distinct from l.licensed_vms");
        assertThat(where("usedVMs ne licensedVMs").sql()).isEqualTo("l.used_vms is distinct from l.licensed_vms");
        assertThat(where("totalInstances ge licensedVMs").sql()).isEqualTo("l.total_instances >= l.licensed_vms");
        assertThat(where("tolower(companyName) eq tolower(edition)").sql())
                .isEqualTo("lower(l.company_name) is not distinct from lower(l.edition)");
    }

    @Test
    void propertyNamesMatchIgnoringCase() {
        assertThat(where("COMPANYNAME eq 'x' and LicensedVms gt 1").sql())
                .isEqualTo("(l.company_name = $1::text and l.licensed_vms > $2::int8)");
    }

    @Test
    void tolowerWrapsTheOperandInLower() {
        SqlWhere where = where("tolower(status) eq 'valid'");

        assertThat(where.sql()).isEqualTo("lower(l.status) = $1::text");
        assertThat(where.parameters()).containsExactly("valid");
    }

    @Test
    void containsALiteralIsALikePatternWithItsWildcardsEscaped() {
        SqlWhere where = where("contains(companyName, '50%_off''s\\')");

        assertThat(where.sql()).isEqualTo("l.company_name like $1::text");
        assertThat(where.parameters()).containsExactly("%50\\%\\_off's\\\\%");
    }

    @Test
    void containsAnotherPropertyUsesStrpos() {
        assertThat(where("contains(companyName, edition)").sql())
                .isEqualTo("strpos(l.company_name, l.edition) > 0");
    }

    @Test
    void substringofTakesTheNeedleFirstAndTolowerOfALowerCaseLiteralIsIlike() {
        SqlWhere where = where("substringof('acme', tolower(companyName))");

        assertThat(where.sql()).isEqualTo("l.company_name ilike $1::text");
        assertThat(where.parameters()).containsExactly("%acme%");
        // an upper-case needle can never be found in lower-case text: ilike would find it, so it stays lower() like
        assertThat(where("contains(tolower(companyName), 'Acme')").sql())
                .isEqualTo("lower(l.company_name) like $1::text");
    }

    @Test
    void startswithAndEndswithCompareWholeCharacters() {
        assertThat(where("startswith(companyName, 'a_%')"))
                .isEqualTo(new SqlWhere("l.company_name like $1::text", List.of("a\\_\\%%")));
        assertThat(where("startswith(companyName, edition)").sql())
                .isEqualTo("starts_with(l.company_name, l.edition)");
        assertThat(where("endswith(tolower(companyName), '%')"))
                .isEqualTo(new SqlWhere("right(lower(l.company_name), length($1::text)) = $1::text", List.of("%")));
    }

    @Test
    void placeholdersNumberInTheOrderTheValuesAreWritten() {
        SqlWhere where = where("substringof('a', companyName) and endswith(edition, 'b') and status eq 'c'");

        assertThat(where.sql()).isEqualTo("(l.company_name like $1::text"
                + " and right(l.edition, length($2::text)) = $2::text and l.status = $3::text)");
        assertThat(where.parameters()).containsExactly("%a%", "b", "c");
    }

    @Test
    void booleanFunctionsStandAloneOrCompareWithTrueAndFalse() {
        assertThat(where("contains(companyName, 'x') eq true").sql())
                .isEqualTo("(l.company_name like $1::text) = $2::boolean");
        assertThat(where("contains(companyName, 'x') eq false").parameters()).containsExactly("%x%", false);
        assertThat(where("startswith(companyName, 'x') ne true").sql())
                .isEqualTo("(l.company_name like $1::text) is distinct from $2::boolean");
        assertThat(where("not contains(companyName, 'x')").sql())
                .isEqualTo("not coalesce(l.company_name like $1::text, false)");
    }

    @Test
    void booleanFields() {
        assertThat(where("autoRenewal").sql()).isEqualTo("l.auto_renewal");
        assertThat(where("not autoRenewal and status eq 'x'").sql())
                .isEqualTo("(not coalesce(l.auto_renewal, false) and l.status = $1::text)");
        assertThat(where("autoRenewal eq false")).isEqualTo(new SqlWhere("(l.auto_renewal) = $1::boolean", List.of(false)));
    }

    @Test
    void dateTimesAreBoundAsUtcOffsetDateTimes() {
        OffsetDateTime expected = OffsetDateTime.of(2020, 10, 24, 18, 0, 0, 0, ZoneOffset.UTC);

        for (String literal : List.of("2020-10-24T21:00:00+03:00", "datetimeoffset'2020-10-24T21:00:00+03:00'",
                "datetime'2020-10-24T18:00:00'", "'2020-10-24T18:00:00Z'", "'2020-10-24T21:00+03:00'")) {
            SqlWhere where = where("licenseExpirationDate lt " + literal);
            assertThat(where.sql()).as(literal).isEqualTo("l.license_expiration_date < $1::timestamptz");
            assertThat(where.parameters()).as(literal).containsExactly(expected);
            assertThat(((OffsetDateTime) where.parameters().get(0)).getOffset()).isEqualTo(ZoneOffset.UTC);
        }
    }

    @Test
    void aBareOrQuotedDateIsMidnightUtc() {
        OffsetDateTime midnight = OffsetDateTime.of(2020, 10, 24, 0, 0, 0, 0, ZoneOffset.UTC);

        assertThat(where("supportExpirationDate ge 2020-10-24").parameters()).containsExactly(midnight);
        assertThat(where("supportExpirationDate ge '2020-10-24'").parameters()).containsExactly(midnight);
    }

    @Test
    void numbersAreBoundAsTheFieldsTypeWithoutRounding() {
        assertThat(where("totalInstances ge 2")).isEqualTo(
                new SqlWhere("l.total_instances >= $1::numeric", List.of(new BigDecimal("2"))));
        assertThat(where("totalInstances lt 1.5M")).isEqualTo(
                new SqlWhere("l.total_instances < $1::numeric", List.of(new BigDecimal("1.5"))));
        assertThat(where("licensedVMs gt 1.5")).isEqualTo(
                new SqlWhere("l.licensed_vms > $1::numeric", List.of(new BigDecimal("1.5"))));
        assertThat(where("licensedVMs gt -3L")).isEqualTo(new SqlWhere("l.licensed_vms > $1::int8", List.of(-3L)));
    }

    @Test
    void theTranslatorKeepsNoStateBetweenCalls() {
        SqlTranslator translator = new SqlTranslator(Map.of("n", new Field("t.n", FieldType.INTEGER)));
        Expr expr = ODataFilter.parse("n eq 1 or n eq 2");

        SqlWhere first = translator.translate(expr, 1);
        SqlWhere second = translator.translate(expr, 1);

        assertThat(second).isEqualTo(first)
                .isEqualTo(new SqlWhere("(t.n = $1::int8 or t.n = $2::int8)", List.of(1L, 2L)));
    }

    @Test
    void unknownPropertiesListTheKnownOnes() {
        SqlTranslator translator = new SqlTranslator(Map.of(
                "edition", new Field("l.edition", FieldType.TEXT),
                "companyName", new Field("l.company_name", FieldType.TEXT)));

        assertThatThrownBy(() -> translator.translate(ODataFilter.parse("edition eq 'a' or fooBar eq 1"), 1))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> {
                    assertThat(e).hasMessage("at position 19: unknown property 'fooBar'; known: companyName, edition");
                    assertThat(e.position()).isEqualTo(19);
                    assertThat(e.token()).isEqualTo("fooBar");
                });
    }

    @Test
    void namesDifferingOnlyInCaseAreAmbiguous() {
        Map<String, Field> fields = Map.of("name", new Field("a", FieldType.TEXT), "NAME", new Field("b", FieldType.TEXT));

        assertThatThrownBy(() -> new SqlTranslator(fields)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void placeholdersStartAtOneOrLater() {
        Expr expr = ODataFilter.parse("status eq 'a'");

        assertThatThrownBy(() -> Fixtures.TRANSLATOR.translate(expr, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
