package io.licensegateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.oneOf;

import java.time.Duration;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.restassured.RestAssured;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Black box: the packaged gateway (fast-jar, or the native executable with {@code -Dnative}) with three simulated
 * consoles and the local PostgreSQL database {@code test}; no mocks. Each test waits for what it needs, so the order
 * does not matter.
 */
@QuarkusIntegrationTest
@WithTestResource(SimulatedGatewayResource.class)
class GatewayIT {

    private static final List<String> CONSOLES = List.of("sim-1", "sim-2", "sim-3");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @ManagementPort
    int managementPort;

    @BeforeEach
    void everyConsoleHasBeenFetched() {
        RestAssured.replaceFiltersWith(DefaultCredentials.withKey(SimulatedGatewayResource.ADMIN_KEY));
        // The first scheduled refresh runs at start-up; until it is over the consoles are NEVER_FETCHED.
        Awaitility.await("all simulated consoles OK").atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(given().get("/api/v1/licenses?limit=1")
                        .then().statusCode(200).extract().jsonPath().getList("meta.consoles.state", String.class))
                        .containsExactly("OK", "OK", "OK"));
    }

    @Test
    void servesTheLicensesOfEverySimulatedConsole() {
        JsonPath page = given().get("/api/v1/licenses?limit=1000")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("meta.consoles.name", equalTo(CONSOLES))
                .body("meta.consoles.snapshotId", everyItem(notNullValue()))
                // odd-numbered simulated consoles speak VAC v2, even-numbered VSPC v3
                .body("meta.consoles.api", equalTo(List.of("v2", "v3", "v2")))
                .body("meta.total", greaterThanOrEqualTo(SimulatedGatewayResource.CONSOLES
                        * SimulatedGatewayResource.LICENSES_PER_CONSOLE))
                .body("meta.limit", is(1000))
                .extract().jsonPath();

        assertThat(page.getList("data.console", String.class)).isNotEmpty().containsAll(CONSOLES);
        given().get("/api/v1/consoles").then().statusCode(200)
                .body("data.licenseCount", everyItem(is(SimulatedGatewayResource.LICENSES_PER_CONSOLE)));
    }

    @Test
    void refreshAnswersWithEveryConsolesOutcome() {
        JsonPath run = refreshWhenIdle("/api/v1/refresh").statusCode(200).contentType(ContentType.JSON)
                .body("id", greaterThan(0))
                .body("trigger", is("MANUAL"))
                .body("finishedAt", notNullValue())
                .body("consoles", hasSize(SimulatedGatewayResource.CONSOLES))
                .body("consoles.outcome", everyItem(oneOf("UPDATED", "UNCHANGED")))
                .body("consoles.licenseCount", everyItem(is(SimulatedGatewayResource.LICENSES_PER_CONSOLE)))
                .extract().jsonPath();

        assertThat(run.getList("consoles.console", String.class)).containsExactlyElementsOf(CONSOLES);
    }

    @Test
    void refreshOfOneConsoleFetchesOnlyThatOne() {
        refreshWhenIdle("/api/v1/refresh?console=sim-2").statusCode(200)
                .body("requestedConsole", is("sim-2"))
                .body("consoles.console", equalTo(List.of("sim-2")));
    }

    @Test
    void rejectsABadParameterWithProblemDetails() {
        given().get("/api/v1/licenses?limit=0")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("title", is("Bad parameter"))
                .body("instance", is("/api/v1/licenses"))
                .body("errors.parameter", equalTo(List.of("limit")));
    }

    @Test
    void rejectsAnUnknownConsoleWithProblemDetails() {
        given().post("/api/v1/refresh?console=no-such-console")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("detail", containsString("no-such-console"));
    }

    @Test
    void listsRunsNewestFirst() {
        refreshWhenIdle("/api/v1/refresh").statusCode(200);

        JsonPath runs = given().get("/api/v1/runs?limit=5")
                .then().statusCode(200).contentType(ContentType.JSON)
                .body("meta.limit", is(5))
                .body("data", hasSize(greaterThanOrEqualTo(1)))
                .extract().jsonPath();

        List<Long> ids = runs.getList("data.id", Long.class);
        assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        given().get("/api/v1/runs/" + ids.get(0)).then().statusCode(200).body("id", is(ids.get(0).intValue()));
    }

    @Test
    void reportsHealthOnTheManagementPortOnly() {
        for (String check : List.of("started", "ready", "live")) {
            given().port(managementPort).get("/q/health/" + check)
                    .then().statusCode(200).body("status", is("UP"));
        }
        given().port(managementPort).get("/q/metrics")
                .then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/health/ready").then().statusCode(404);
    }

    /** A refresh answers 409 while another runs (the scheduled one at start-up, or another test's). */
    private static io.restassured.response.ValidatableResponse refreshWhenIdle(String path) {
        io.restassured.response.ValidatableResponse[] answer = new io.restassured.response.ValidatableResponse[1];
        Awaitility.await("a refresh that is not refused as concurrent").atMost(PATIENCE)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    answer[0] = given().post(path).then();
                    return answer[0].extract().statusCode() != 409;
                });
        return answer[0];
    }
}
