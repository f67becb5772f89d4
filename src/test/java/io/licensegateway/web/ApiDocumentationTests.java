package io.licensegateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** The OpenAPI document on the management port describes every endpoint, its parameters and its problems. */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class ApiDocumentationTests {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private JsonPath openApi() {
        return given().get(management + "openapi?format=json").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void documentsEveryEndpointWithItsProblems() {
        JsonPath doc = openApi();
        Map<String, Map<String, Object>> paths = doc.getMap("paths");

        assertThat(paths).containsKeys("/api/v1/licenses", "/api/v1/licenses/summary", "/api/v1/licenses/{console}/{id}",
                "/api/v1/consoles", "/api/v1/refresh", "/api/v1/runs", "/api/v1/runs/{id}",
                "/v2/licensing/cloudconnectLicenses", "/token", "/api/v1/companies", "/api/v1/companies/aliases",
                "/api/v1/companies/aliases/{company}", "/api/v1/usage/monthly");
        paths.entrySet().stream().filter(p -> !p.getKey().startsWith("/api/v1/test/")) // test-only probes
                .forEach(p -> p.getValue().forEach((method, operation) -> {
            String path = p.getKey();
            Map<String, Object> responses = doc.getMap("paths.'" + path + "'." + method + ".responses");
            assertThat(responses).as("%s %s", method, path).containsKey("200");
            if (!path.equals("/token")) {
                assertThat(responses).as("%s %s", method, path).containsKey("401");
            }
            assertThat(responses).as("%s %s", method, path).containsKey("429");
        }));
        assertThat(doc.getMap("paths.'/api/v1/refresh'.post.responses")).containsKeys("403", "409");
        assertThat(doc.getMap("paths.'/api/v1/companies/aliases/{company}'.put.responses")).containsKeys("400", "403", "409");
        assertThat(doc.getList("paths.'/api/v1/usage/monthly'.get.parameters.name")).contains("month", "groupBy", "console");
        assertThat(doc.getMap("paths.'/api/v1/audit'.get.responses")).containsKeys("400", "403");
        assertThat(doc.getMap("components.schemas")).containsKey("Problem");
        assertThat(doc.getMap("components.securitySchemes")).containsKeys("apiKey", "bearer");
    }

    @Test
    void documentsEveryLicenseParameterWithExamples() {
        JsonPath doc = openApi();
        List<String> parameters = doc.getList("paths.'/api/v1/licenses'.get.parameters.name");

        assertThat(parameters).contains("console", "status", "edition", "licenseType", "company", "licensedTo", "q",
                "expiresBefore", "expiresAfter", "supportExpiresBefore", "sort", "limit", "offset", "cursor", "fields",
                "format");
        assertThat(doc.getString("paths.'/api/v1/licenses'.get.responses.'400'.content.'application/problem+json'"
                + ".examples.'bad limit'.value.errors[0].parameter")).isEqualTo("limit");
        assertThat(doc.getList("paths.'/v2/licensing/cloudconnectLicenses'.get.parameters.name"))
                .contains("$filter", "$orderby", "$top", "$skip", "$select");
    }
}
