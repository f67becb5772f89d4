package io.licensegateway.query.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which records a filter keeps: PostgreSQL's three-valued logic, with {@code not} counting unknown as false,
 * {@code ne} as "is distinct from" and {@code eq} between two properties as "is not distinct from".
 */
class ODataPredicateTest {

    private static final OffsetDateTime SIX_PM = OffsetDateTime.of(2020, 10, 24, 18, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void comparisonsWithValuesOfEachType() {
        String filter = "status eq 'Valid' and licensedCloudconnectBackups gt 100";

        assertThat(keeps(filter, record("status", "Valid", "licensedCloudconnectBackups", 101))).isTrue();
        assertThat(keeps(filter, record("status", "Valid", "licensedCloudconnectBackups", 100))).isFalse();
        assertThat(keeps(filter, record("status", "valid", "licensedCloudconnectBackups", 101))).isFalse();
        assertThat(keeps(filter, record("licensedCloudconnectBackups", 101))).isFalse();
        assertThat(keeps(filter, record("status", "Valid"))).isFalse();
    }

    @Test
    void andBindsTighterThanOrAndNeKeepsNulls() {
        String filter = "status eq 'a' or (edition ne 'b' and licensedVMs le 3)";

        assertThat(keeps(filter, record("status", "a", "edition", "b", "licensedVMs", 9))).isTrue();
        assertThat(keeps(filter, record("status", "z", "edition", "c", "licensedVMs", 3))).isTrue();
        assertThat(keeps(filter, record("licensedVMs", 3))).isTrue();
        assertThat(keeps(filter, record("status", "z", "edition", "b", "licensedVMs", 3))).isFalse();
        assertThat(keeps(filter, record("edition", "c"))).isFalse();
    }

    /** The values 4, 5, 6 and a missing value, and which of them the filter keeps. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "licensedVMs eq 5 | 5",
            "licensedVMs ne 5 | 4 6 null",
            "licensedVMs gt 5 | 6",
            "licensedVMs ge 5 | 5 6",
            "licensedVMs lt 5 | 4",
            "licensedVMs le 5 | 4 5",
            "5 lt licensedVMs | 6",
            "5 gt licensedVMs | 4",
            "5 ge licensedVMs | 4 5",
            "5 le licensedVMs | 5 6",
            "5 eq licensedVMs | 5",
            "5 ne licensedVMs | 4 6 null",
            "not licensedVMs eq 5 | 4 6 null",
            "not licensedVMs gt 5 | 4 5 null",
            "not licensedVMs ne 5 | 5",
    })
    void operatorsOnAWholeNumber(String filter, String kept) {
        ODataPredicate predicate = Fixtures.compile(filter);

        assertThat(Stream.of(4, 5, 6, null).filter(n -> predicate.test(values(record("licensedVMs", n))))
                .map(String::valueOf).toList()).isEqualTo(List.of(kept.split(" ")));
    }

    @Test
    void nullIsTestedWithEqAndNe() {
        assertThat(keeps("companyName eq null", record())).isTrue();
        assertThat(keeps("companyName eq null", record("companyName", ""))).isFalse();
        assertThat(keeps("companyName ne null", record("companyName", ""))).isTrue();
        assertThat(keeps("companyName ne null", record())).isFalse();
        assertThat(keeps("null eq licenseExpirationDate", record())).isTrue();
        assertThat(keeps("null eq licenseExpirationDate", record("licenseExpirationDate", SIX_PM))).isFalse();
        assertThat(keeps("tolower(status) ne null", record("status", "Valid"))).isTrue();
        assertThat(keeps("tolower(status) ne null", record())).isFalse();
        assertThat(keeps("contains(companyName, 'x') eq null", record())).isTrue();
        assertThat(keeps("contains(companyName, 'x') eq null", record("companyName", "y"))).isFalse();
        assertThat(keeps("autoRenewal ne null", record("autoRenewal", false))).isTrue();
    }

    @Test
    void nullMakesEveryOtherComparisonUnknownForEachType() {
        for (String filter : List.of("companyName eq 'x'", "companyName gt 'x'", "companyName lt 'x'",
                "companyName ge ''", "companyName le 'x'", "totalInstances eq 1", "totalInstances ge 0",
                "totalInstances lt 1.5M", "licenseExpirationDate lt 2020-10-24", "licenseExpirationDate ge 2020-10-24",
                "licenseExpirationDate eq 2020-10-24", "autoRenewal eq true", "autoRenewal eq false",
                "autoRenewal", "autoRenewal gt false")) {
            assertThat(keeps(filter, record())).as(filter).isFalse();
            assertThat(keeps("not (" + filter + ")", record())).as("not (" + filter + ")").isTrue();
        }
        for (String filter : List.of("companyName ne 'x'", "totalInstances ne 1", "licenseExpirationDate ne 2020-10-24",
                "autoRenewal ne true", "autoRenewal ne false")) {
            assertThat(keeps(filter, record())).as(filter).isTrue();
            assertThat(keeps("not (" + filter + ")", record())).as("not (" + filter + ")").isFalse();
        }
    }

    @Test
    void notCountsAnUnknownConditionAsFalse() {
        String filter = "not (status eq 'Valid' or licensedVMs gt 1)";

        // unknown or false is unknown: not keeps it
        assertThat(keeps(filter, record("licensedVMs", 1))).isTrue();
        // unknown or true is true
        assertThat(keeps(filter, record("licensedVMs", 2))).isFalse();
        assertThat(keeps(filter, record("status", "Valid", "licensedVMs", 0))).isFalse();
        assertThat(keeps(filter, record("status", "Other", "licensedVMs", 0))).isTrue();

        Map<String, Object> noStatus = record("companyName", "x");
        assertThat(keeps("status eq 'Valid'", noStatus)).isFalse();
        assertThat(keeps("not status eq 'Valid'", noStatus)).isTrue();
        assertThat(keeps("not not status eq 'Valid'", noStatus)).isFalse();
        assertThat(keeps("status ne 'Valid'", noStatus)).isTrue();
        assertThat(keeps("not status eq 'Valid'", record("status", "Valid"))).isFalse();
    }

    @Test
    void andAndOrCannotTurnUnknownIntoTrue() {
        // unknown and true is unknown, unknown and false is false: not keeps the first and drops neither
        assertThat(keeps("status eq 'x' and licensedVMs gt 1", record("licensedVMs", 2))).isFalse();
        assertThat(keeps("not (status eq 'x' and licensedVMs gt 1)", record("licensedVMs", 2))).isTrue();
        assertThat(keeps("not (status eq 'x' and licensedVMs gt 1)", record("licensedVMs", 0))).isTrue();
        assertThat(keeps("status eq 'x' or licensedVMs gt 1", record("licensedVMs", 0))).isFalse();
        assertThat(keeps("status eq 'x' or licensedVMs gt 1", record("licensedVMs", 2))).isTrue();
        assertThat(keeps("status eq 'x' and licensedVMs gt 1", record("status", "x", "licensedVMs", 2))).isTrue();
    }

    @Test
    void twoPropertiesCompareDirectlyAndEqualityTreatsNullsAsEqual() {
        assertThat(keeps("usedVMs gt licensedVMs", record("usedVMs", 6, "licensedVMs", 5))).isTrue();
        assertThat(keeps("usedVMs gt licensedVMs", record("usedVMs", 5, "licensedVMs", 5))).isFalse();
        assertThat(keeps("usedVMs gt licensedVMs", record("usedVMs", 6))).isFalse();
        assertThat(keeps("not usedVMs gt licensedVMs", record("usedVMs", 6))).isTrue();

        assertThat(keeps("usedVMs eq licensedVMs", record("usedVMs", 5, "licensedVMs", 5))).isTrue();
        assertThat(keeps("usedVMs eq licensedVMs", record())).isTrue();
        assertThat(keeps("usedVMs eq licensedVMs", record("usedVMs", 5))).isFalse();
        assertThat(keeps("usedVMs eq licensedVMs", record("usedVMs", 5, "licensedVMs", 6))).isFalse();

        assertThat(keeps("usedVMs ne licensedVMs", record("licensedVMs", 5))).isTrue();
        assertThat(keeps("usedVMs ne licensedVMs", record("usedVMs", 5, "licensedVMs", 6))).isTrue();
        assertThat(keeps("usedVMs ne licensedVMs", record())).isFalse();
        assertThat(keeps("usedVMs ne licensedVMs", record("usedVMs", 5, "licensedVMs", 5))).isFalse();

        assertThat(keeps("totalInstances ge licensedVMs", record("totalInstances", dec("5.00"), "licensedVMs", 5)))
                .isTrue();
        assertThat(keeps("totalInstances ge licensedVMs", record("totalInstances", dec("4.99"), "licensedVMs", 5)))
                .isFalse();
        assertThat(keeps("totalInstances ge licensedVMs", record("licensedVMs", 5))).isFalse();

        assertThat(keeps("tolower(companyName) eq tolower(edition)", record("companyName", "ACME", "edition", "acme")))
                .isTrue();
        assertThat(keeps("tolower(companyName) eq tolower(edition)", record())).isTrue();
        assertThat(keeps("tolower(companyName) eq tolower(edition)", record("edition", "acme"))).isFalse();

        assertThat(keeps("licenseExpirationDate lt supportExpirationDate",
                record("licenseExpirationDate", SIX_PM, "supportExpirationDate", SIX_PM.plusNanos(1000)))).isTrue();
        assertThat(keeps("licenseExpirationDate eq supportExpirationDate", record("licenseExpirationDate", SIX_PM,
                "supportExpirationDate", SIX_PM.withOffsetSameInstant(ZoneOffset.ofHours(3))))).isTrue();
    }

    @Test
    void propertyNamesMatchIgnoringCase() {
        String filter = "COMPANYNAME eq 'x' and LicensedVms gt 1";

        assertThat(keeps(filter, record("companyName", "x", "licensedVMs", 2))).isTrue();
        assertThat(keeps(filter, record("companyName", "X", "licensedVMs", 2))).isFalse();
    }

    @Test
    void textIsCaseSensitiveAndTolowerIsTheWayRoundIt() {
        assertThat(keeps("status eq 'Valid'", record("status", "VALID"))).isFalse();
        assertThat(keeps("status gt 'a'", record("status", "B"))).isFalse();
        assertThat(keeps("status gt 'a'", record("status", "b"))).isTrue();

        for (String status : List.of("valid", "Valid", "VALID")) {
            assertThat(keeps("tolower(status) eq 'valid'", record("status", status))).as(status).isTrue();
        }
        assertThat(keeps("tolower(status) eq 'Valid'", record("status", "Valid"))).isFalse();
        assertThat(keeps("tolower(status) eq 'valid'", record("status", "Valid "))).isFalse();
        assertThat(keeps("tolower(status) eq 'valid'", record())).isFalse();
        assertThat(keeps("not tolower(status) eq 'valid'", record())).isTrue();
    }

    @Test
    void tolowerLowersEachCharacterAsPostgresqlDoes() {
        // towlower of each character: İ becomes i, and a final Σ becomes σ, not ς
        assertThat(keeps("tolower(companyName) eq 'istanbul'", record("companyName", "İSTANBUL"))).isTrue();
        assertThat(keeps("tolower(companyName) eq 'οδοσ'", record("companyName", "ΟΔΟΣ"))).isTrue();
        assertThat(keeps("tolower(companyName) eq 'élan ß'", record("companyName", "ÉLAN ß"))).isTrue();
    }

    @Test
    void containsMatchesWildcardsAndBackslashesLiterally() {
        String filter = "contains(companyName,'100%_')";

        assertThat(keeps(filter, record("companyName", "100%_"))).isTrue();
        assertThat(keeps(filter, record("companyName", "Save 100%_ now"))).isTrue();
        for (String other : List.of("100%x", "100x_", "1000_", "100_%", "100%", "100")) {
            assertThat(keeps(filter, record("companyName", other))).as(other).isFalse();
        }

        String quoted = "contains(companyName, '50%_off''s\\')";
        assertThat(keeps(quoted, record("companyName", "Big 50%_off's\\ sale"))).isTrue();
        assertThat(keeps(quoted, record("companyName", "50%_off's"))).isFalse();
        assertThat(keeps(quoted, record("companyName", "50%_offXs\\"))).isFalse();
        assertThat(keeps(quoted, record("companyName", "50X_off's\\"))).isFalse();
    }

    @Test
    void everyFunctionOfAMissingTextIsUnknown() {
        for (String filter : List.of("contains(companyName, 'a')", "substringof('a', companyName)",
                "startswith(companyName, 'a')", "endswith(companyName, 'a')", "contains(companyName, '')",
                "startswith(tolower(companyName), '')", "endswith(companyName, '')", "contains(companyName, edition)",
                "contains(edition, companyName)", "substringof(companyName, edition)", "startswith(edition, companyName)",
                "endswith(companyName, edition)", "contains(companyName, 'a') eq true",
                "contains(companyName, 'a') eq false", "tolower(companyName) eq 'a'", "tolower(companyName) ne null")) {
            Map<String, Object> record = record("edition", "a");
            assertThat(keeps(filter, record)).as(filter).isFalse();
            assertThat(keeps("not " + filter, record)).as("not " + filter).isTrue();
        }
    }

    @Test
    void anEmptyNeedleIsInEveryText() {
        for (String filter : List.of("contains(companyName, '')", "substringof('', companyName)",
                "startswith(companyName, '')", "endswith(companyName, '')", "contains(companyName, edition)",
                "startswith(companyName, edition)", "endswith(companyName, edition)")) {
            assertThat(keeps(filter, record("companyName", "", "edition", ""))).as(filter).isTrue();
            assertThat(keeps(filter, record("companyName", "acme", "edition", ""))).as(filter).isTrue();
        }
    }

    @Test
    void containsAnotherProperty() {
        assertThat(keeps("contains(companyName, edition)", record("companyName", "Acme Pro Ltd", "edition", "Pro")))
                .isTrue();
        assertThat(keeps("contains(companyName, edition)", record("companyName", "Acme pro Ltd", "edition", "Pro")))
                .isFalse();
        assertThat(keeps("contains(companyName, edition)", record("companyName", "Acme", "edition", "%")))
                .isFalse();
        assertThat(keeps("contains(companyName, edition)", record("companyName", "Acme"))).isFalse();
        assertThat(keeps("substringof(edition, companyName)", record("companyName", "Acme Pro", "edition", "Pro")))
                .isTrue();
        assertThat(keeps("substringof(companyName, edition)", record("companyName", "Acme Pro", "edition", "Pro")))
                .isFalse();
    }

    @Test
    void substringofTakesTheNeedleFirst() {
        String filter = "substringof('acme', tolower(companyName))";

        assertThat(keeps(filter, record("companyName", "The ACME Corp"))).isTrue();
        assertThat(keeps(filter, record("companyName", "acme"))).isTrue();
        assertThat(keeps(filter, record("companyName", "Acm e"))).isFalse();
        assertThat(keeps("substringof('acme', companyName)", record("companyName", "ACME"))).isFalse();
        // lower-case text never holds an upper-case needle
        assertThat(keeps("contains(tolower(companyName), 'Acme')", record("companyName", "Acme"))).isFalse();
        assertThat(keeps("contains(tolower(companyName), 'acme')", record("companyName", "Acme"))).isTrue();
    }

    @Test
    void startswithAndEndswith() {
        assertThat(keeps("startswith(companyName, 'a_%')", record("companyName", "a_%bc"))).isTrue();
        for (String other : List.of("ab%", "a_x", "a_", "xa_%", "A_%")) {
            assertThat(keeps("startswith(companyName, 'a_%')", record("companyName", other))).as(other).isFalse();
        }
        assertThat(keeps("startswith(companyName, edition)", record("companyName", "Acme", "edition", "Ac"))).isTrue();
        assertThat(keeps("startswith(companyName, edition)", record("companyName", "Acme", "edition", "me"))).isFalse();
        assertThat(keeps("startswith(companyName, edition)", record("companyName", "Ac", "edition", "Acme"))).isFalse();

        assertThat(keeps("endswith(tolower(companyName), '%')", record("companyName", "100%"))).isTrue();
        assertThat(keeps("endswith(tolower(companyName), '%')", record("companyName", "100"))).isFalse();
        assertThat(keeps("endswith(tolower(companyName), '%')", record("companyName", "%1"))).isFalse();
        assertThat(keeps("endswith(companyName, '_')", record("companyName", "ab"))).isFalse();
        assertThat(keeps("endswith(companyName, edition)", record("companyName", "Acme", "edition", "me"))).isTrue();
        assertThat(keeps("endswith(companyName, edition)", record("companyName", "me", "edition", "Acme"))).isFalse();
    }

    @Test
    void functionsAndComparisonsCombine() {
        String filter = "substringof('a', companyName) and endswith(edition, 'b') and status eq 'c'";

        assertThat(keeps(filter, record("companyName", "xay", "edition", "bab", "status", "c"))).isTrue();
        assertThat(keeps(filter, record("companyName", "xy", "edition", "bab", "status", "c"))).isFalse();
        assertThat(keeps(filter, record("companyName", "xay", "edition", "ba", "status", "c"))).isFalse();
        assertThat(keeps(filter, record("companyName", "xay", "edition", "bab", "status", "C"))).isFalse();
    }

    @Test
    void booleanFunctionsStandAloneOrCompareWithTrueAndFalse() {
        Map<String, Object> x = record("companyName", "x");
        Map<String, Object> y = record("companyName", "y");
        Map<String, Object> none = record();

        assertThat(keeps("contains(companyName, 'x') eq true", x)).isTrue();
        assertThat(keeps("contains(companyName, 'x') eq true", y)).isFalse();
        assertThat(keeps("contains(companyName, 'x') eq false", y)).isTrue();
        assertThat(keeps("contains(companyName, 'x') eq false", x)).isFalse();
        assertThat(keeps("contains(companyName, 'x') eq false", none)).isFalse();
        assertThat(keeps("startswith(companyName, 'x') ne true", y)).isTrue();
        assertThat(keeps("startswith(companyName, 'x') ne true", none)).isTrue();
        assertThat(keeps("startswith(companyName, 'x') ne true", x)).isFalse();
        assertThat(keeps("true eq contains(companyName, 'x')", x)).isTrue();
        assertThat(keeps("not contains(companyName, 'x')", y)).isTrue();
        assertThat(keeps("not contains(companyName, 'x')", none)).isTrue();
        assertThat(keeps("not contains(companyName, 'x')", x)).isFalse();
        assertThat(keeps("contains(companyName, 'x') eq autoRenewal", record("companyName", "x", "autoRenewal", true)))
                .isTrue();
        assertThat(keeps("contains(companyName, 'x') eq autoRenewal", none)).isTrue();
    }

    @Test
    void booleanFields() {
        assertThat(keeps("autoRenewal", record("autoRenewal", true))).isTrue();
        assertThat(keeps("autoRenewal", record("autoRenewal", false))).isFalse();

        String filter = "not autoRenewal and status eq 'x'";
        assertThat(keeps(filter, record("autoRenewal", false, "status", "x"))).isTrue();
        assertThat(keeps(filter, record("status", "x"))).isTrue();
        assertThat(keeps(filter, record("autoRenewal", true, "status", "x"))).isFalse();
        assertThat(keeps(filter, record("autoRenewal", false))).isFalse();

        assertThat(keeps("autoRenewal eq false", record("autoRenewal", false))).isTrue();
        assertThat(keeps("autoRenewal eq false", record("autoRenewal", true))).isFalse();
        assertThat(keeps("autoRenewal eq false", record())).isFalse();
        // false sorts before true
        assertThat(keeps("autoRenewal gt false", record("autoRenewal", true))).isTrue();
        assertThat(keeps("autoRenewal lt true", record("autoRenewal", false))).isTrue();
        assertThat(keeps("autoRenewal lt false", record("autoRenewal", false))).isFalse();
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '"', value = {
            "2020-10-24T21:00:00+03:00",
            "datetimeoffset'2020-10-24T21:00:00+03:00'",
            "datetime'2020-10-24T18:00:00'",
            "'2020-10-24T18:00:00Z'",
            "'2020-10-24T21:00+03:00'",
            "2020-10-24T18:00:00.000Z",
    })
    void dateTimesAreInstantsReadAsUtcWithoutAnOffset(String literal) {
        assertThat(keeps("licenseExpirationDate lt " + literal, record("licenseExpirationDate",
                SIX_PM.minusNanos(1000)))).isTrue();
        assertThat(keeps("licenseExpirationDate lt " + literal, record("licenseExpirationDate", SIX_PM))).isFalse();
        assertThat(keeps("licenseExpirationDate eq " + literal, record("licenseExpirationDate", SIX_PM))).isTrue();
        assertThat(keeps("licenseExpirationDate eq " + literal, record("licenseExpirationDate",
                SIX_PM.plusNanos(1000)))).isFalse();
    }

    @Test
    void aBareOrQuotedDateIsMidnightUtc() {
        OffsetDateTime midnight = OffsetDateTime.of(2020, 10, 24, 0, 0, 0, 0, ZoneOffset.UTC);

        for (String filter : List.of("supportExpirationDate ge 2020-10-24", "supportExpirationDate ge '2020-10-24'",
                "supportExpirationDate ge datetime'2020-10-24'")) {
            assertThat(keeps(filter, record("supportExpirationDate", midnight))).as(filter).isTrue();
            assertThat(keeps(filter, record("supportExpirationDate", midnight.minusNanos(1000)))).as(filter).isFalse();
        }
    }

    @Test
    void aLiteralFinerThanAMicrosecondIsCutToOneAsTheDatabaseDid() {
        OffsetDateTime stored = SIX_PM.plusNanos(1000);

        assertThat(keeps("licenseExpirationDate eq 2020-10-24T18:00:00.0000019Z", record("licenseExpirationDate",
                stored))).isTrue();
        assertThat(keeps("licenseExpirationDate lt 2020-10-24T18:00:00.0000019Z", record("licenseExpirationDate",
                stored))).isFalse();
        assertThat(keeps("licenseExpirationDate le 2020-10-24T18:00:00.0000009Z", record("licenseExpirationDate",
                stored))).isFalse();
        // before 2000-01-01 the cut is toward that epoch, so upward
        OffsetDateTime old = OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC);
        assertThat(keeps("licenseExpirationDate eq 1999-12-31T23:59:59.9999981Z", record("licenseExpirationDate",
                old))).isTrue();
    }

    @Test
    void numbersCompareExactlyWithoutRounding() {
        assertThat(keeps("totalInstances ge 2", record("totalInstances", dec("2.000")))).isTrue();
        assertThat(keeps("totalInstances ge 2", record("totalInstances", dec("1.999")))).isFalse();
        assertThat(keeps("totalInstances eq 2", record("totalInstances", dec("2.0")))).isTrue();
        assertThat(keeps("totalInstances lt 1.5M", record("totalInstances", dec("1.49")))).isTrue();
        assertThat(keeps("totalInstances lt 1.5M", record("totalInstances", dec("1.50")))).isFalse();
        assertThat(keeps("licensedVMs gt 1.5", record("licensedVMs", 2))).isTrue();
        assertThat(keeps("licensedVMs gt 1.5", record("licensedVMs", 1))).isFalse();
        assertThat(keeps("licensedVMs eq 1.5", record("licensedVMs", 1))).isFalse();
        assertThat(keeps("licensedVMs eq 1.5", record("licensedVMs", 2))).isFalse();
        assertThat(keeps("licensedVMs ne 1.5", record("licensedVMs", 2))).isTrue();
        assertThat(keeps("licensedVMs eq 2.0", record("licensedVMs", 2))).isTrue();
        assertThat(keeps("licensedVMs gt -3L", record("licensedVMs", -2))).isTrue();
        assertThat(keeps("licensedVMs gt -3L", record("licensedVMs", -3))).isFalse();
        assertThat(keeps("licensedVMs lt 9999999999", record("licensedVMs", Integer.MAX_VALUE))).isTrue();
    }

    @Test
    void aCompiledFilterKeepsNoStateBetweenRecords() {
        ODataPredicate predicate = Fixtures.compile("licensedVMs eq 1 or licensedVMs eq 2");
        List<Map<String, Object>> records = List.of(record("licensedVMs", 1), record("licensedVMs", 3),
                record("licensedVMs", 2), record());

        List<Boolean> first = records.stream().map(r -> predicate.test(values(r))).toList();
        List<Boolean> second = records.stream().map(r -> predicate.test(values(r))).toList();

        assertThat(first).containsExactly(true, false, true, false).isEqualTo(second);
    }

    static Stream<Arguments> hostile() {
        return Stream.of(
                hostile("companyName eq 'x'' or 1=1 --'", "companyName", "x' or 1=1 --", "x"),
                hostile("companyName eq '''; drop table license; --'", "companyName", "'; drop table license; --", ""),
                hostile("contains(companyName, '%'' or ''1''=''1')", "companyName", "%' or '1'='1", "x' or '1'='1"),
                hostile("startswith(companyName, '_%\\')", "companyName", "_%\\", "a%\\", "_x\\", "_%"),
                hostile("endswith(tolower(companyName), ''')--')", "companyName", "')--", "')-", ")--"),
                hostile("substringof('$1; select pg_sleep(10)', companyName)", "companyName",
                        "$1; select pg_sleep(10)", "$1; select pg_sleep(1)"),
                hostile("tolower(companyName) eq 'a'')) or ((''1''=''1'", "companyName", "a')) or (('1'='1", "a"),
                hostile("companyName eq '/* */ $$ :: \" ; \\'", "companyName", "/* */ $$ :: \" ; \\",
                        "/* */ $$ :: \" ; "));
    }

    private static Arguments hostile(String filter, String property, String literal, String... others) {
        return Arguments.of(filter, property, literal, List.of(others));
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void hostileLookingLiteralsAreOnlyText(String filter, String property, String literal, List<String> others) {
        assertThat(keeps(filter, record(property, literal))).isTrue();
        for (String other : others) {
            assertThat(keeps(filter, record(property, other))).as(other).isFalse();
        }
        assertThat(keeps(filter, record())).isFalse();
    }

    @Test
    void hostileLookingLiteralsCombinedWithOtherConditions() {
        String ne = "companyName eq 'x' or status ne 'y''); delete from license; --'";
        assertThat(keeps(ne, record("companyName", "z", "status", "y'); delete from license; --"))).isFalse();
        assertThat(keeps(ne, record("companyName", "x", "status", "y'); delete from license; --"))).isTrue();
        assertThat(keeps(ne, record("companyName", "z", "status", "y"))).isTrue();

        String decomposed = "licenseExpirationDate lt '2020-10-24' and edition eq 'E\u0301nterprise'' union select 1'";
        OffsetDateTime before = OffsetDateTime.of(2020, 10, 23, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThat(keeps(decomposed, record("licenseExpirationDate", before,
                "edition", "E\u0301nterprise' union select 1"))).isTrue();
        // text is compared as written, not normalised
        assertThat(keeps(decomposed, record("licenseExpirationDate", before,
                "edition", "\u00c9nterprise' union select 1"))).isFalse();
        assertThat(keeps(decomposed, record("licenseExpirationDate", before.plusDays(1),
                "edition", "E\u0301nterprise' union select 1"))).isFalse();
    }

    @Test
    void unknownPropertiesListTheKnownOnes() {
        assertThatThrownBy(() -> compileOverTexts("edition eq 'a' or fooBar eq 1", "edition", "companyName"))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> {
                    assertThat(e).hasMessage("at position 19: unknown property 'fooBar'; known: companyName, edition");
                    assertThat(e.position()).isEqualTo(19);
                    assertThat(e.token()).isEqualTo("fooBar");
                });
    }

    @Test
    void typeMismatchesNameTheOperandAndItsPosition() {
        assertThatThrownBy(() -> Fixtures.compile("status eq 'a' and licensedVMs eq companyName"))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> {
                    assertThat(e).hasMessage("at position 34: expected a number but 'companyName' is text");
                    assertThat(e.token()).isEqualTo("companyName");
                });
        assertThatThrownBy(() -> Fixtures.compile("substringof(5, companyName)"))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> assertThat(e)
                        .hasMessage("at position 13: expected a quoted string like 'abc' but found 5"));
        assertThatThrownBy(() -> Fixtures.compile("autoRenewal eq contains(companyName, licensedVMs)"))
                .isInstanceOfSatisfying(ODataSyntaxException.class, e -> assertThat(e)
                        .hasMessage("at position 38: expected text but 'licensedVMs' is a number"));
    }

    @Test
    void namesDifferingOnlyInCaseAreAmbiguous() {
        assertThatThrownBy(() -> compileOverTexts("name eq 'a'", "name", "NAME"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Over text properties of these names only. */
    private static ODataPredicate compileOverTexts(String filter, String... names) {
        Map<String, ODataPredicate.Property> properties = new HashMap<>();
        for (String name : names) {
            properties.put(name, new ODataPredicate.Property(properties.size(), FieldType.TEXT));
        }
        return ODataPredicate.compile(ODataFilter.parse(filter), properties, String::compareTo);
    }

    private static boolean keeps(String filter, Map<String, Object> record) {
        return Fixtures.compile(filter).test(values(record));
    }

    /** Name, value, name, value...; a name left out is a missing value. */
    private static Map<String, Object> record(Object... namesAndValues) {
        Map<String, Object> record = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            record.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return record;
    }

    private static ODataPredicate.Values values(Map<String, Object> record) {
        assertThat(Fixtures.NAMES).containsAll(record.keySet());
        Object[] values = Fixtures.NAMES.stream().map(record::get).toArray();
        return index -> values[index];
    }

    private static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }
}
