package io.licensegateway.query.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile filters either fail to parse or end up as values bound to placeholders, never as SQL text. */
class SqlInjectionTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\d+::(text|int8|numeric|timestamptz|boolean)");
    private static final Set<String> SQL_WORDS = Set.of("and", "or", "not", "coalesce", "false", "is", "null",
            "distinct", "from", "strpos", "lower", "starts_with", "right", "length", "0", "like", "ilike");

    @ParameterizedTest
    @ValueSource(strings = {
            "companyName eq 'x'' or 1=1 --'",
            "companyName eq '''; drop table license; --'",
            "contains(companyName, '%'' or ''1''=''1')",
            "startswith(companyName, '_%\\')",
            "endswith(tolower(companyName), ''')--')",
            "substringof('$1; select pg_sleep(10)', companyName)",
            "companyName eq 'x' or status ne 'y''); delete from license; --'",
            "tolower(companyName) eq 'a'')) or ((''1''=''1'",
            "companyName eq '/* */ $$ :: \" ; \\'",
            "licenseExpirationDate lt '2020-10-24' and edition eq 'E\u0301nterprise'' union select 1'",
    })
    void valuesOnlyEverTravelAsParameters(String filter) {
        SqlWhere where = Fixtures.where(filter);

        String skeleton = PLACEHOLDER.matcher(where.sql()).replaceAll(" ");
        for (Field field : Fixtures.FIELDS.values()) {
            skeleton = skeleton.replace(field.sqlExpression(), " ");
        }
        assertThat(skeleton).as(where.sql()).matches("[a-z_0-9 (),=<>]*");
        assertThat(skeleton.split("[ (),=<>]+")).as(where.sql())
                .allSatisfy(word -> assertThat(word.isEmpty() || SQL_WORDS.contains(word)).as(word).isTrue());
        assertThat(where.sql()).doesNotContain("'", ";", "--", "/*", "union", "drop", "delete", "select");
        assertThat(where.parameters()).isNotEmpty().allSatisfy(value -> assertThat(value).isNotInstanceOf(Object[].class));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "companyName eq 'a'; drop table license; --",
            "1 eq 1) or (1 eq 1",
            "companyName eq x'",
            "company_name;drop eq 'x'",
            "companyName eq 'x' or 1=1",
            "companyName eq 'x' union select * from license",
            "companyName eq 'x'/**/or 1 eq 1",
            "companyName eq \"x\" or \"1\"=\"1\"",
            "l.company_name eq 'x'",
            "companyName eq $1",
            "companyName eq 'x'::text",
            "pg_sleep(10) eq 1",
            "company_name eq 'x'",
            "companyName eq 'x' or true",
            "licensedVMs eq 1; delete from license",
            "contains(companyName, 'x')) or ((1 eq 1",
            "companyName eq 'x' or companyName eq 'y' --",
            "licenseExpirationDate lt '2020-01-01''; drop table license'",
    })
    void malformedOrHostileFiltersAreRejected(String filter) {
        assertThatThrownBy(() -> Fixtures.where(filter)).isInstanceOf(ODataSyntaxException.class)
                .hasMessageStartingWith("at position ");
    }
}
