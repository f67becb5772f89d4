package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.DatabaseOutageProfile;
import io.licensegateway.support.DatabaseProxyResource;
import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.SimulatorTestBase;
import io.licensegateway.support.TcpProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The throttle table unreachable with the rest of the database: right credentials still authenticate (the endpoint
 * then answers 503 because it needs the database, not 401 or 429), wrong ones are still refused, and nothing breaks.
 */
@QuarkusTest
@TestProfile(DatabaseOutageProfile.class)
@DefaultCredentials.None
class AuthThrottleOutageTests extends SimulatorTestBase {

    private final TcpProxy proxy = DatabaseProxyResource.proxy();

    @AfterEach
    void heal() {
        proxy.heal();
    }

    @Test
    void withTheDatabaseAwayRightKeysStillAuthenticateAndWrongOnesAreStillRefused() {
        database.execute("delete from audit_event");
        proxy.cut();

        given().header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/runs").then().statusCode(503)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:license-gateway:problem:database-unavailable"));
        given().header("X-API-Key", "wrong-key").get("/api/v1/licenses").then().statusCode(401)
                .contentType("application/problem+json");
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "vac-client").formParam("password", "wrong").post("/token").then().statusCode(400)
                .body("error", equalTo("invalid_grant"));

        proxy.heal();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given()
                .header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/licenses").then().statusCode(200));
        // what could not be stored was kept (and logged) and reaches the trail once it is back, aggregated
        given().header("X-API-Key", "wrong-again").get("/api/v1/licenses").then().statusCode(401);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                database.strings("select credential || ' ' || count from audit_event"))
                .containsExactlyInAnyOrder("api-key 2", "password 1"));
    }
}
