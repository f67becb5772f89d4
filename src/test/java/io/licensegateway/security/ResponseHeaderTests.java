package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * Data answers are private to their caller and revalidated, no answer may be sniffed as another media type, and a
 * browser on another origin gets no CORS permission unless origins are configured.
 */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class ResponseHeaderTests extends SimulatorTestBase {

    private static final String PRIVATE = "private, no-cache";

    private static ValidatableResponse noSniff(ValidatableResponse response) {
        return response.header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void dataAnswersArePrivateAndRevalidatedAndETagsStillAnswer304() {
        given().post("/api/v1/refresh").then().statusCode(200);
        for (String path : new String[] { "/api/v1/licenses?limit=1", "/api/v1/licenses/summary?groupBy=console",
                "/api/v1/consoles", "/api/v1/runs", "/v2/licensing/cloudconnectLicenses?$top=1",
                "/api/v1/licenses?format=csv&fields=companyName,status" }) {
            noSniff(given().get(path).then().statusCode(200).header("Cache-Control", PRIVATE));
        }

        String etag = given().get("/api/v1/licenses?status=Valid").then().statusCode(200)
                .header("Cache-Control", PRIVATE).extract().header("ETag");
        noSniff(given().header("If-None-Match", etag).get("/api/v1/licenses?status=Valid").then().statusCode(304)
                .header("Cache-Control", PRIVATE).header("ETag", equalTo(etag)));
    }

    @Test
    void everyAnswerForbidsSniffingErrorsAndTokensIncluded() {
        noSniff(given().header("X-API-Key", "wrong").get("/api/v1/licenses").then().statusCode(401));
        noSniff(given().get("/api/v1/nothing-here").then().statusCode(404));
        noSniff(given().get("/api/v1/licenses?limit=0").then().statusCode(400));
        noSniff(given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "vac-client").formParam("password", "test-vac-password").post("/token").then()
                .statusCode(200).header("Cache-Control", "no-store"));
    }

    @Test
    void corsIsOffSoOtherOriginsGetNoPermission() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "GET")
                .options("/api/v1/licenses").then().header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://elsewhere.example").get("/api/v1/licenses?limit=1").then().statusCode(200)
                .header("Access-Control-Allow-Origin", nullValue());
    }
}
