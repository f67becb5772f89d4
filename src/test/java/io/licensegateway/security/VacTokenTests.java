package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.Database;
import io.licensegateway.support.DefaultCredentials;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/** VAC-compatible tokens: refresh tokens rotate, a replayed one revokes its family, and tokens follow the password. */
@QuarkusTest
@DefaultCredentials.None
class VacTokenTests {

    @Inject
    Database database;

    private static ValidatableResponse token(String... form) {
        var request = given().contentType("application/x-www-form-urlencoded");
        for (int i = 0; i < form.length; i += 2) {
            request = request.formParam(form[i], form[i + 1]);
        }
        return request.post("/token").then();
    }

    private static JsonPath login() {
        return token("grant_type", "password", "username", "vac-client", "password", "test-vac-password")
                .statusCode(200).extract().jsonPath();
    }

    private static ValidatableResponse refresh(String refreshToken) {
        return token("grant_type", "refresh_token", "refresh_token", refreshToken);
    }

    private static ValidatableResponse read(String accessToken) {
        return given().auth().oauth2(accessToken).get("/v2/licensing/cloudconnectLicenses?$top=1").then();
    }

    @Test
    void aRefreshTokenIsGoodOnceAndAReplayRevokesItsWholeFamily() {
        JsonPath first = login();
        JsonPath second = refresh(first.getString("refresh_token")).statusCode(200).extract().jsonPath();
        assertThat(second.getString("refresh_token")).isNotEqualTo(first.getString("refresh_token"));
        read(second.getString("access_token")).statusCode(200);

        // the first refresh token again: a thief (or the client it was stolen from) replays it
        refresh(first.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        // ... which revokes the family: the rotated refresh token is refused too
        refresh(second.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));

        // another login is another family, unaffected
        JsonPath other = login();
        refresh(other.getString("refresh_token")).statusCode(200);
        assertThat(database.count("select count(*) from vac_token_family where revoked_at is not null and account = "
                + "'vac-client' and generation = 2")).isPositive();
    }

    @Test
    void tokensIssuedUnderAnotherPasswordHashAreRefused() {
        long now = java.time.Instant.now().getEpochSecond();
        VacTokens.Claims claims = new VacTokens.Claims("refresh", "vac-client", now + 3600, UUID.randomUUID(), 1,
                VacPasswords.fingerprint("vac-client", "the-hash-before-the-password-changed"));

        assertThat(claims.valid("refresh", now, VacPasswords.fingerprint("vac-client", "the-hash-before-the-password-changed")))
                .isTrue();
        assertThat(claims.valid("refresh", now, VacPasswords.fingerprint("vac-client", "the-hash-after-it-changed")))
                .isFalse();
        // an account removed from the configuration has no fingerprint
        assertThat(claims.valid("refresh", now, null)).isFalse();
        assertThat(VacTokens.Claims.parse(claims.text())).isEqualTo(claims);
        // tokens of earlier versions (kind|account|expiry) are not ours any more
        assertThat(VacTokens.Claims.parse("refresh|vac-client|" + (now + 60))).isNull();
    }

    @Test
    void forgedAndAlteredTokensAreRefusedWithoutAnyFamily() {
        String access = login().getString("access_token");
        String keyId = access.substring(0, access.indexOf('~'));
        assertThat(keyId).isEqualTo("t1");
        read(access.substring(0, access.length() - 2) + "AA").statusCode(401);
        // an id no one configured is not even looked up
        read("zz" + access.substring(access.indexOf('~'))).statusCode(401);
        refresh("t1~Zm9v.YmFy").statusCode(400).body("error", equalTo("invalid_grant"));
    }
}
