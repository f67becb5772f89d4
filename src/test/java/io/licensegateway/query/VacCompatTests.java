package io.licensegateway.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** The VAC-compatible collection over {@link LicenseQueryTests}' dataset, with the OData options VAC clients send. */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class VacCompatTests extends FixedDataset {


    static List<String> ids(String query) {
        return given().urlEncodingEnabled(true).get("/v2/licensing/cloudconnectLicenses" + query).then()
                .statusCode(200).extract().jsonPath().getList("id");
    }

    @Test
    void servesABareArrayInTheVacShapeWithGatewayLinks() {
        List<Map<String, Object>> items = given().get("/v2/licensing/cloudconnectLicenses").then().statusCode(200)
                .contentType("application/json").extract().jsonPath().getList("$");

        assertThat(items).hasSize(6);
        Map<String, Object> a1 = items.get(0);
        assertThat(a1).containsEntry("id", "a1").containsEntry("console", "sim-01").containsEntry("supportID", "S-a1")
                .containsEntry("companyName", "Acme, Inc.").containsEntry("licensedCloudconnectBackups", 100)
                .containsKeys("licenseExpirationDate", "totalInstances", "usedInstances", "licensedVMs", "_links");
        assertThat(a1).doesNotContainKeys("supportId", "asOf", "snapshotId");
        assertThat(given().get("/v2/licensing/cloudconnectLicenses").jsonPath().getString("[0]._links.self.href"))
                .endsWith("/api/v1/licenses/sim-01/a1");
    }

    @Test
    void honoursFilterOrderbyTopSkipAndSelect() {
        assertThat(ids("?$filter=status eq 'Valid' and licensedCloudconnectBackups ge 100"))
                .containsExactly("a1", "c2");
        assertThat(ids("?$filter=contains(tolower(companyName), 'acme')")).containsExactly("a1", "c2");
        assertThat(ids("?$filter=substringof('Glob', companyName) or startswith(licensedTo, 'Init')"))
                .containsExactly("a2", "b2");
        assertThat(ids("?$filter=endswith(companyName, 'GmbH')")).containsExactly("b1");
        assertThat(ids("?$filter=not (status eq 'Valid')")).containsExactly("a2", "b2");
        assertThat(ids("?$filter=licensedTo eq null")).containsExactly("b1");
        assertThat(ids("?$filter=licenseExpirationDate lt datetime'2000-01-01T00:00:00'")).isEmpty();
        assertThat(ids("?$filter=licenseExpirationDate gt 2000-01-01T00:00:00Z and console eq 'sim-03'"))
                .containsExactly("c2");
        assertThat(ids("?$orderby=licenseExpirationDate desc&$top=2")).containsExactly("c2", "b2");
        assertThat(ids("?$orderby=licenseExpirationDate desc&$top=2&$skip=2")).containsExactly("a2", "a1");
        assertThat(given().get("/v2/licensing/cloudconnectLicenses?$select=companyName,status&setLinks=false&$top=1")
                .jsonPath().getMap("[0]")).containsOnlyKeys("companyName", "status");
    }

    @Test
    void injectionShapesAreRejectedOrMatchNothing() {
        given().get("/v2/licensing/cloudconnectLicenses?$filter=companyName eq 'x'; drop table license; --'")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(ids("?$filter=companyName eq 'x'' or 1=1 --'")).isEmpty();
        assertThat(database.count("select count(*) from license_current")).isEqualTo(6);
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of("$filter=status eq", "$filter", "position"),
                Arguments.of("$filter=colour eq 'red'", "$filter", "unknown property 'colour'"),
                Arguments.of("$filter=(status eq 'Valid'", "$filter", "position"),
                Arguments.of("$orderby=price", "$orderby", "not a property"),
                Arguments.of("$orderby=status sideways", "$orderby", "asc or desc"),
                Arguments.of("$select=secret", "$select", "not a property"),
                Arguments.of("$top=-1", "$top", "whole number"),
                Arguments.of("$format=xml", "$format", "not one of"),
                Arguments.of("$expand=all", "$expand", "unknown parameter"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void answersBadOptionsWithProblemDetails(String query, String parameter, String message) {
        given().get("/v2/licensing/cloudconnectLicenses?" + query).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].parameter", equalTo(parameter))
                .body("detail", containsString(message));
    }
}
