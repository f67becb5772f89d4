package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
@DefaultCredentials.None
class ApiSecurityTests {

    @Test
    void refusesCallsWithoutCredentials() {
        for (String path : new String[] { "/api/v1/licenses", "/api/v1/consoles", "/api/v1/runs",
                "/api/v1/licenses/summary", "/v2/licensing/cloudconnectLicenses" }) {
            given().get(path).then().statusCode(401).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("Bearer"))
                    .body("status", equalTo(401));
        }
        given().post("/api/v1/refresh").then().statusCode(401);
    }

    @Test
    void refusesWrongKeys() {
        given().header("X-API-Key", "test-admin-key-").get("/api/v1/licenses").then().statusCode(401)
                .contentType("application/problem+json");
        given().auth().oauth2("guess").get("/api/v1/licenses").then().statusCode(401);
        given().auth().oauth2("forged.token").get("/api/v1/licenses").then().statusCode(401);
    }

    @Test
    void readersReadButCannotRefresh() {
        given().header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/licenses").then().statusCode(200);
        given().auth().oauth2(DefaultCredentials.READER_KEY).get("/api/v1/consoles").then().statusCode(200);
        given().header("X-API-Key", DefaultCredentials.READER_KEY).post("/api/v1/refresh").then().statusCode(403)
                .contentType("application/problem+json").body("title", equalTo("Forbidden"));
    }

    @Test
    void adminsMayRefresh() {
        given().auth().oauth2(DefaultCredentials.ADMIN_KEY).queryParam("console", "sim-01").post("/api/v1/refresh")
                .then().statusCode(200).body("consoles[0].console", equalTo("sim-01"));
    }

    @Test
    void vacClientsLogInAtTokenAndReadWithTheBearer() {
        var tokens = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("username", "vac-client")
                .formParam("password", "test-vac-password")
                .post("/token").then().statusCode(200)
                .body("token_type", equalTo("bearer")).body("expires_in", equalTo(3600))
                .body("refresh_token", notNullValue())
                .extract().jsonPath();

        given().auth().oauth2(tokens.getString("access_token")).get("/v2/licensing/cloudconnectLicenses")
                .then().statusCode(200);
        given().auth().oauth2(tokens.getString("access_token")).post("/api/v1/refresh").then().statusCode(403);
        // a refresh token is not an access token
        given().auth().oauth2(tokens.getString("refresh_token")).get("/api/v1/licenses").then().statusCode(401);

        String renewed = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token").formParam("refresh_token", tokens.getString("refresh_token"))
                .post("/token").then().statusCode(200).extract().jsonPath().getString("access_token");
        given().auth().oauth2(renewed).get("/api/v1/licenses").then().statusCode(200);
    }

    @Test
    void refusesWrongVacPasswordsAsOAuthProblems() {
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "vac-client").formParam("password", "wrong").post("/token").then()
                .statusCode(400).contentType("application/problem+json").body("error", equalTo("invalid_grant"));
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "client_credentials")
                .post("/token").then().statusCode(400).body("error", equalTo("unsupported_grant_type"));
    }
}
