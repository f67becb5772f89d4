package io.licensegateway.database;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.DatabaseOutageProfile;
import io.licensegateway.support.DatabaseProxyResource;
import io.licensegateway.support.SimulatorResource;
import io.licensegateway.support.SimulatorTestBase;
import io.licensegateway.support.TcpProxy;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/**
 * The database taken away from the gateway by cutting a proxy between them (the shared PostgreSQL keeps running): the
 * current view keeps answering from memory and says the store is unreachable, every endpoint that reads the store
 * answers a 503 problem with Retry-After, nothing is half-written, and everything recovers by itself once the
 * connection is back.
 */
@QuarkusTest
@TestProfile(DatabaseOutageProfile.class)
class DatabaseOutageTests extends SimulatorTestBase {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    private final TcpProxy proxy = DatabaseProxyResource.proxy();

    @AfterEach
    void heal() {
        proxy.heal();
    }

    @Test
    void theCurrentViewKeepsAnsweringFromMemoryAndOnlyTheStorePathsAnswer503() {
        given().post("/api/v1/refresh").then().statusCode(200);
        String asOf = OffsetDateTime.now(ZoneOffset.UTC).toString();
        String console = "sim-01";
        String id = simulator.console(console).licenses().get(0).getString("id");

        proxy.cut();

        // the view notices within its check interval, and says so
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/licenses").then()
                .statusCode(200).body("meta.store", equalTo("unreachable")));
        int total = SimulatorResource.CONSOLES * SimulatorResource.LICENSES;
        given().get("/api/v1/licenses?status=Valid&sort=companyName&limit=5").then().statusCode(200)
                .body("meta.nextCursor", notNullValue());
        given().get("/api/v1/licenses").then().body("meta.total", equalTo(total));
        given().get("/api/v1/licenses/summary?groupBy=edition").then().statusCode(200)
                .body("store", equalTo("unreachable"));
        given().get("/api/v1/licenses/" + console + "/" + id).then().statusCode(200);
        given().get("/api/v1/consoles").then().statusCode(200);
        given().get("/v2/licensing/cloudconnectLicenses?$top=3").then().statusCode(200);
        given().accept("text/csv").get("/api/v1/licenses").then().statusCode(200);
        given().get(management("/health/ready")).then().statusCode(200)
                .body("checks.find { it.name == 'current view' }.data.updateError", containsString("unreachable"));
        given().get(management("/health/live")).then().statusCode(200);

        for (String path : new String[] { "/api/v1/licenses?asOf=" + asOf, "/api/v1/licenses/summary?asOf=" + asOf,
                "/api/v1/licenses/" + console + "/" + id + "/history", "/api/v1/changes", "/api/v1/runs" }) {
            unavailable(given().get(path).then());
        }
        unavailable(given().post("/api/v1/refresh").then());

        proxy.heal();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/licenses").then().statusCode(200)
                .body("meta.store", nullValue()).body("meta.total", equalTo(total)));
        given().get("/api/v1/runs").then().statusCode(200);
        given().get(management("/health/ready")).then().statusCode(200);
    }

    @Test
    void aRefreshCutOffMidwayWritesNothingHalfAndTheNextOneStoresEverything() throws Exception {
        given().post("/api/v1/refresh").then().statusCode(200);
        long snapshotsBefore = database.count("select count(*) from snapshot");
        // below the 1 s request timeout of the profile: the consoles are slow, not failing
        for (int i = 1; i <= SimulatorResource.CONSOLES; i++) {
            simulator.console(String.format("sim-%02d", i)).reseed(100 + i).latency(Duration.ofMillis(200 + 25 * i));
        }

        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
                () -> given().post("/api/v1/refresh").then().extract().statusCode());
        // cut while the consoles are still answering: some results are stored before, the rest meet a dead database
        await().atMost(Duration.ofSeconds(10)).until(() -> database.count("select count(*) from snapshot") > snapshotsBefore);
        proxy.cut();
        assertThat(run.get()).isIn(200, 503);
        proxy.heal();

        // every stored snapshot is whole: its versions as of its time are exactly its count
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().get("/api/v1/consoles").then().statusCode(200));
        assertThat(database.count("""
                select count(*) from snapshot s
                where s.license_count <> (select count(*) from license v where v.snapshot_id = s.id)""")).isZero();
        assertThat(database.count("""
                select count(*) from console_state c join snapshot s on s.id = c.current_snapshot_id
                where s.license_count <> (select count(*) from license_current l where l.console = c.console)""")).isZero();

        for (int i = 1; i <= SimulatorResource.CONSOLES; i++) {
            simulator.console(String.format("sim-%02d", i)).latency(Duration.ZERO);
        }
        var last = given().post("/api/v1/refresh").then().statusCode(200).extract().jsonPath();
        assertThat(last.getList("consoles.outcome")).as(last.prettify()).containsOnly("UPDATED", "UNCHANGED");
        for (int i = 1; i <= SimulatorResource.CONSOLES; i++) {
            String console = String.format("sim-%02d", i);
            String expected = simulator.console(console).licenses().get(0).getString("companyName");
            given().get("/api/v1/licenses/" + console + "/" + simulator.console(console).licenses().get(0).getString("id"))
                    .then().statusCode(200).body("companyName", equalTo(expected));
        }
    }

    private static void unavailable(ValidatableResponse response) {
        response.statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("type", equalTo("urn:license-gateway:problem:database-unavailable"));
    }

    private String management(String path) {
        return management.toString().replaceAll("/+$", "") + path;
    }
}
