package io.licensegateway.query.odata;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Filters written to look like SQL (or to break out of one) are refused with a position, as any malformed filter. */
class HostileFilterTest {

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
        assertThatThrownBy(() -> Fixtures.compile(filter)).isInstanceOf(ODataSyntaxException.class)
                .hasMessageStartingWith("at position ");
    }
}
