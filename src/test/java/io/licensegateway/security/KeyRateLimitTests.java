package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A key with a configured rate is refused past it (429 problem, Retry-After); other keys are not affected. */
@QuarkusTest
@TestProfile(KeyRateLimitTests.LimitedKey.class)
@DefaultCredentials.None
class KeyRateLimitTests {

    private static final String LIMITED_KEY = "rate-limited-key";

    public static class LimitedKey extends SimulatedConsolesProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("gateway.security.api-keys.limited.sha256",
                    "5e37b2c6ffa8769d2f65f65449f852ad022baef9d8bd89eb9505acd85b452da5");
            // one request per 100 s after a burst of two: the third request of this test cannot have earned a token
            overrides.put("gateway.security.api-keys.limited.requests-per-second", "0.01");
            overrides.put("gateway.security.api-keys.limited.burst", "2");
            return overrides;
        }
    }

    @Test
    void aKeyPastItsRateGets429WhileOtherKeysGoOn() {
        for (int i = 0; i < 2; i++) {
            given().header("X-API-Key", LIMITED_KEY).get("/api/v1/consoles").then().statusCode(200);
        }

        String retryAfter = given().header("X-API-Key", LIMITED_KEY).get("/api/v1/licenses").then().statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:license-gateway:problem:rate-limit-exceeded"))
                .body("status", equalTo(429))
                .extract().header("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 100L);

        given().header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/licenses").then().statusCode(200);
        given().header("X-API-Key", DefaultCredentials.ADMIN_KEY).get("/api/v1/consoles").then().statusCode(200);
    }
}
