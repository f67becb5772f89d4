package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.OidcIssuerResource;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorResource;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** OIDC bearer tokens from a real issuer (discovery, JWKS, RS256) running in the test. */
@QuarkusTest
@TestProfile(OidcIssuerTests.WithIssuer.class)
@DefaultCredentials.None
class OidcIssuerTests extends SimulatorTestBase {

    /** The simulated consoles plus the test issuer, whose resource switches OIDC on. */
    public static class WithIssuer extends SimulatedConsolesProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SimulatorResource.class), new TestResourceEntry(OidcIssuerResource.class));
        }
    }

    private final OidcIssuerResource.Issuer issuer = OidcIssuerResource.issuer();

    private static ValidatableResponse get(String token, String path) {
        return given().auth().oauth2(token).get(path).then();
    }

    private static void unauthorized(ValidatableResponse response) {
        response.statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("urn:license-gateway:problem:unauthorized"));
    }

    @Test
    void aReaderTokenReadsButCannotRefresh() {
        String token = issuer.token("reader-subject", "reader");

        get(token, "/api/v1/consoles").statusCode(200);
        get(token, "/v2/licensing/cloudconnectLicenses?$top=1").statusCode(200);
        given().auth().oauth2(token).post("/api/v1/refresh").then().statusCode(403)
                .contentType("application/problem+json").body("type", equalTo("urn:license-gateway:problem:forbidden"));
        assertThat(database.strings("select principal from audit_event where kind = 'refresh' and outcome = 'denied' "
                + "order by id desc limit 1")).containsExactly("oidc:reader-subject");
    }

    @Test
    void anAdminTokenRefreshesAndTheRunNamesItsSubject() {
        String token = issuer.token("admin-subject", "admin");

        given().auth().oauth2(token).queryParam("console", "sim-01").post("/api/v1/refresh").then().statusCode(200)
                .body("requestedBy", equalTo("oidc:admin-subject"));
        // admin implies reader
        get(token, "/api/v1/licenses?limit=1").statusCode(200);
        get(token, "/api/v1/audit?kind=refresh&limit=1").statusCode(200)
                .body("data[0].principal", equalTo("oidc:admin-subject"));
    }

    @Test
    void aTokenWithoutAnyRoleOfOursIsForbidden() {
        get(issuer.token("nobody-special", "offline_access"), "/api/v1/licenses").statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() {
        unauthorized(get(issuer.fromIssuer("http://127.0.0.1:1/realms/other", "s", "admin"), "/api/v1/licenses"));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        unauthorized(get(issuer.forAudience("another-app", "s", "admin"), "/api/v1/licenses"));
    }

    @Test
    void anExpiredTokenIsRefused() {
        unauthorized(get(issuer.expiredAt(Instant.now().minusSeconds(600), "s", "admin"), "/api/v1/licenses"));
    }

    @Test
    void aTokenSignedWithAKeyTheIssuerNeverPublishedIsRefused() {
        unauthorized(get(issuer.signedWithUnknownKey("s", "admin"), "/api/v1/licenses"));
    }

    @Test
    void refusedTokensAreAuditedAsOidcFailuresWithoutTheToken() {
        database.execute("delete from audit_event");
        String forged = issuer.signedWithUnknownKey("s", "admin");
        unauthorized(get(forged, "/api/v1/consoles"));

        assertThat(database.strings("select credential || ' ' || outcome || ' ' || detail from audit_event "
                + "where kind = 'authentication'")).containsExactly("oidc-token failure GET /api/v1/consoles");
        assertThat(String.join(" ", database.strings("select concat_ws(' ', principal, detail) from audit_event")))
                .doesNotContain(forged);
    }

    @Test
    void apiKeysKeepWorkingBesideOidc() {
        given().header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/consoles").then().statusCode(200);
        given().auth().oauth2(DefaultCredentials.ADMIN_KEY).get("/api/v1/consoles").then().statusCode(200);
        unauthorized(given().auth().oauth2("not-a-jwt-nor-a-key").get("/api/v1/consoles").then());
    }
}
