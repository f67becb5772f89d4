package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.LogCapture;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * A full run with failures of every kind, then every endpoint read and every error provoked: neither the log
 * nor any response nor the stored errors contain a console password, a token or an API key.
 */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class SecretsNeverLeakTests extends SimulatorTestBase {



    private final LogCapture log = new LogCapture();

    @BeforeEach
    void captureEverything() {
        log.install();
    }

    @AfterEach
    void stopCapturing() {
        log.uninstall();
    }

    @Test
    void noSecretAppearsInLogsResponsesOrStoredErrors() {
        simulator.console("sim-01").failNext(100, 503);
        simulator.console("sim-02").malformedNext(5);
        simulator.console("sim-03").throttleNext(1, 0);
        simulator.console("sim-04").resetMidBodyNext(1);
        simulator.console("sim-05").failNext(5, 401);
        simulator.console("sim-06").failNext(5, 403);
        simulator.console("sim-07").revokeTokens();

        List<String> responses = new ArrayList<>();
        responses.add(given().post("/api/v1/refresh").asString());
        simulator.console("sim-08").revokeTokens();
        responses.add(given().post("/api/v1/refresh").asString());
        for (String path : List.of("/api/v1/consoles", "/api/v1/runs", "/api/v1/runs/1", "/api/v1/licenses?limit=1000",
                "/api/v1/licenses/summary?groupBy=console", "/v2/licensing/cloudconnectLicenses?$top=50",
                "/api/v1/licenses?limit=0", "/api/v1/licenses?cursor=forged", "/api/v1/licenses/sim-01/none",
                "/v2/licensing/cloudconnectLicenses?$filter=password eq 'x'")) {
            responses.add(given().get(path).asString());
        }
        responses.add(given().header("X-API-Key", DefaultCredentials.READER_KEY).post("/api/v1/refresh").asString());
        responses.add(given().header("X-API-Key", "wrong-" + DefaultCredentials.ADMIN_KEY).get("/api/v1/consoles")
                .asString());
        responses.add(given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "vac-client").formParam("password", "test-vac-password-wrong")
                .post("/token").asString());
        responses.add(given().auth().oauth2("wrong-" + DefaultCredentials.READER_KEY).get("/api/v1/licenses").asString());
        responses.add(given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("refresh_token", "test-vac-password").post("/token").asString());
        String errors = String.join("\n", database.strings("select coalesce(error_message, '') from fetch_attempt"));
        // the audit trail, as stored and as served, holds failed credentials' kinds and accounts, never the credential
        String audit = String.join("\n", database.strings(
                "select concat_ws(' ', kind, outcome, principal, credential, address, detail) from audit_event"));
        assertThat(audit).contains("authentication failure vac:vac-client password")
                .contains("authentication failure api-key").contains("refresh success api-key:test-admin");
        responses.add(given().get("/api/v1/audit?limit=500").then().statusCode(200).extract().asString());
        errors = errors + "\n" + audit;

        List<String> secrets = new ArrayList<>(List.of(DefaultCredentials.ADMIN_KEY, DefaultCredentials.READER_KEY,
                "test-vac-password"));
        simulator.consoles().stream().map(SimulatedConsole::password).forEach(secrets::add);
        assertThat(simulator.issuedTokens()).hasSizeGreaterThan(20);
        secrets.addAll(simulator.issuedTokens());
        String vacToken = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "vac-client").formParam("password", "test-vac-password")
                .post("/token").then().statusCode(200).extract().jsonPath().getString("access_token");
        responses.add(given().auth().oauth2(vacToken).get("/v2/licensing/cloudconnectLicenses?$top=1").asString());
        secrets.add(vacToken);
        String everything = log.text() + "\n" + String.join("\n", responses) + "\n" + errors;
        assertThat(everything).contains("sim-01").contains("HTTP 503");
        assertThat(log.text()).as("the run was logged").contains("Refresh run");
        for (String secret : secrets) {
            assertThat(everything).as("a secret leaked").doesNotContain(secret);
        }
    }
}
