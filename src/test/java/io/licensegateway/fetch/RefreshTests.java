package io.licensegateway.fetch;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorResource;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class RefreshTests extends SimulatorTestBase {

    private static final int TOTAL = SimulatorResource.CONSOLES * SimulatorResource.LICENSES;

    static JsonPath refresh() {
        return given().post("/api/v1/refresh").then().statusCode(200).extract().jsonPath();
    }

    static JsonPath refresh(String console) {
        return given().queryParam("console", console).post("/api/v1/refresh").then().statusCode(200).extract().jsonPath();
    }

    static Map<String, Object> outcomeOf(JsonPath run, String console) {
        return run.getMap("consoles.find { it.console == '" + console + "' }");
    }

    @Test
    void fetchesAllConsolesAtOnce() {
        simulator.consoles().forEach(c -> c.latency(Duration.ofMillis(200)));

        JsonPath run = refresh();

        assertThat(run.getList("consoles.outcome")).hasSize(SimulatorResource.CONSOLES).containsOnly("UPDATED");
        assertThat(simulator.peakInFlight()).isGreaterThanOrEqualTo(SimulatorResource.CONSOLES);
        given().get("/api/v1/licenses?limit=5").then().statusCode(200).body("meta.total", equalTo(TOTAL));
    }

    @Test
    void pagesThroughEveryLicenseOfAConsole() {
        refresh("sim-01");

        // 25 licenses in pages of 10: three pages, one token.
        SimulatedConsole console = simulator.console("sim-01");
        assertThat(console.licenseRequests()).isEqualTo(3);
        assertThat(console.passwordGrants()).isEqualTo(1);
        assertThat(database.count("select count(*) from license_current where console = $1", "sim-01"))
                .isEqualTo(SimulatorResource.LICENSES);
    }

    @Test
    void theSamePagesConfirmTheSnapshotAndAChangeOnTheLastPageIsReadWithThePagesBeforeIt() {
        String name = "sim-03";
        assertThat(outcomeOf(refresh(name), name)).containsEntry("outcome", "UPDATED");
        List<String> pages = pageDigests(name);
        assertThat(pages).as("25 licenses in pages of 10").hasSize(3).doesNotHaveDuplicates();

        assertThat(outcomeOf(refresh(name), name)).containsEntry("outcome", "UNCHANGED").containsEntry("licenseCount", 25);
        assertThat(pageDigests(name)).isEqualTo(pages);

        // the license with the highest id is on the last page: the first two are kept as bytes, then read with it
        SimulatedConsole console = simulator.console(name);
        List<JsonObject> licenses = new ArrayList<>(console.licenses().stream().map(JsonObject::copy).toList());
        JsonObject last = licenses.stream().max(Comparator.comparing(l -> l.getString("id"))).orElseThrow();
        last.put("companyName", "Renamed on the last page");
        console.serve(licenses);
        assertThat(outcomeOf(refresh(name), name)).containsEntry("outcome", "UPDATED").containsEntry("licenseCount", 25);
        assertThat(pageDigests(name)).hasSize(3).startsWith(pages.get(0), pages.get(1)).doesNotContain(pages.get(2));
        assertThat(database.count("select count(*) from license_current where console = $1", name)).isEqualTo(25);
        assertThat(database.strings("select company_name from license_current where console = $1 and id = $2", name,
                last.getString("id"))).containsExactly("Renamed on the last page");
        assertThat(database.count("select count(*) from license_history where console = $1", name))
                .as("one license changed, one version closed").isOne();

        // without the pages (a migration cleared them), the same content still confirms the snapshot, by its hash
        database.execute("update snapshot set page_digests = null where console = $1", name);
        assertThat(outcomeOf(refresh(name), name)).containsEntry("outcome", "UNCHANGED");
        assertThat(pageDigests(name)).hasSize(3);
    }

    /** The page digests of the console's current snapshot, in page order. */
    private List<String> pageDigests(String console) {
        return database.strings("""
                select jsonb_path_query(s.page_digests, '$.*[*].sha256') #>> '{}' from snapshot s
                join console_state c on c.current_snapshot_id = s.id where c.console = $1""", console);
    }

    @Test
    void oneDeadConsoleDoesNotStopTheOthersAndOpensItsBreaker() {
        simulator.console("sim-03").failNext(1000, 503);

        JsonPath run = refresh();

        assertThat(outcomeOf(run, "sim-03")).containsEntry("outcome", "FAILED").containsEntry("errorKind", "SERVER_ERROR")
                .containsEntry("attempts", 4);
        assertThat(run.getList("consoles.findAll { it.outcome == 'UPDATED' }")).hasSize(SimulatorResource.CONSOLES - 1);
        given().get("/api/v1/licenses?limit=1").then().statusCode(200)
                .body("meta.total", equalTo(TOTAL - SimulatorResource.LICENSES))
                // four failed attempts in a row fill the breaker's window: it opens
                .body("meta.consoles.find { it.name == 'sim-03' }.state", equalTo("CIRCUIT_OPEN"))
                .body("meta.consoles.find { it.name == 'sim-03' }.lastError", equalTo("HTTP 503 from GET /v2/licensing/cloudconnectLicenses"));
    }

    @Test
    void aHangingConsoleFailsAtItsDeadlineWhileTheOthersFinish() {
        simulator.console("sim-05").hangNext(1000);

        JsonPath run = refresh();

        Map<String, Object> hung = outcomeOf(run, "sim-05");
        assertThat(hung.get("outcome")).isEqualTo("FAILED");
        assertThat(hung.get("errorKind")).isIn("TIMEOUT", "DEADLINE");
        List<Integer> others = run.getList("consoles.findAll { it.console != 'sim-05' }.durationMs");
        assertThat(others).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
    }

    @Test
    void aSecondRefreshWhileOneRunsNamesTheRunningOne() throws Exception {
        simulator.console("sim-07").latency(Duration.ofMillis(1500));
        var first = java.util.concurrent.CompletableFuture.supplyAsync(RefreshTests::refresh);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> given().get("/api/v1/runs").then().extract().jsonPath().getList("data").size() == 1);

        var conflict = given().post("/api/v1/refresh").then().statusCode(409)
                .contentType("application/problem+json").extract();

        long running = first.get().getLong("id");
        assertThat(conflict.jsonPath().getLong("runId")).isEqualTo(running);
        assertThat(conflict.header("Location")).endsWith("/api/v1/runs/" + running);
    }

    @Test
    void retriesTransientFailuresAndStoresTheResult() {
        simulator.console("sim-02").failNext(2, 500);

        Map<String, Object> outcome = outcomeOf(refresh("sim-02"), "sim-02");

        assertThat(outcome).containsEntry("outcome", "UPDATED").containsEntry("attempts", 3)
                .containsEntry("licenseCount", SimulatorResource.LICENSES);
        assertThat(database.currentSnapshot("sim-02")).isNotNull();
    }

    @Test
    void honoursRetryAfterWhenThrottled() {
        FlavourScenarios.honoursRetryAfterWhenThrottled(simulator.console("sim-04"));
    }

    @Test
    void retriesAConnectionResetInTheMiddleOfABody() {
        simulator.console("sim-06").resetMidBodyNext(1);

        assertThat(outcomeOf(refresh("sim-06"), "sim-06")).containsEntry("outcome", "UPDATED").containsEntry("attempts", 2);
    }

    @Test
    void doesNotRetryClientErrorsOrUnparseableBodies() {
        simulator.console("sim-07").failNext(5, 404);
        simulator.console("sim-08").failNext(5, 403);
        simulator.console("sim-09").malformedNext(5);

        JsonPath run = refresh();

        assertThat(outcomeOf(run, "sim-07")).containsEntry("errorKind", "NOT_FOUND").containsEntry("attempts", 1);
        assertThat(outcomeOf(run, "sim-08")).containsEntry("errorKind", "FORBIDDEN").containsEntry("attempts", 1);
        assertThat(outcomeOf(run, "sim-09")).containsEntry("errorKind", "BAD_RESPONSE").containsEntry("attempts", 1);
    }

    @Test
    void failsAConsoleThatIgnoresPagingInsteadOfLoopingUntilTheDeadline() {
        simulator.console("sim-14").ignoreOffset(true);

        assertThat(outcomeOf(refresh("sim-14"), "sim-14")).containsEntry("outcome", "FAILED")
                .containsEntry("errorKind", "BAD_RESPONSE").containsEntry("attempts", 1)
                .containsEntry("error", "GET /v2/licensing/cloudconnectLicenses ignores $skip");
        assertThat(simulator.console("sim-14").licenseRequests()).isEqualTo(2);
    }

    @Test
    void opensTheBreakerOfAFailingConsoleAndClosesItAfterRecovery() throws InterruptedException {
        SimulatedConsole broken = simulator.console("sim-10").failNext(1000, 500);

        assertThat(outcomeOf(refresh("sim-10"), "sim-10")).containsEntry("outcome", "FAILED");
        int callsWhileClosed = broken.licenseRequests();
        given().get("/api/v1/consoles").then()
                .body("data.find { it.name == 'sim-10' }.state", equalTo("CIRCUIT_OPEN"))
                .body("data.find { it.name == 'sim-10' }.breaker", equalTo("OPEN"));

        assertThat(outcomeOf(refresh("sim-10"), "sim-10")).containsEntry("outcome", "CIRCUIT_OPEN")
                .containsEntry("errorKind", "CIRCUIT_OPEN");
        assertThat(broken.licenseRequests()).isEqualTo(callsWhileClosed);

        broken.failNext(0, 500);
        Thread.sleep(1100); // the breaker's delay in this profile is 1 s
        assertThat(outcomeOf(refresh("sim-10"), "sim-10")).containsEntry("outcome", "UPDATED");
        given().get("/api/v1/consoles").then()
                .body("data.find { it.name == 'sim-10' }.state", equalTo("OK"))
                .body("data.find { it.name == 'sim-10' }.breaker", equalTo("CLOSED"));
    }

    @Test
    void logsInAgainExactlyOnceWhenTheTokenIsRevoked() {
        FlavourScenarios.logsInAgainExactlyOnceWhenTheTokenIsRevoked(simulator.console("sim-11"));
    }

    @Test
    void refreshesTheTokenBeforeItExpires() throws InterruptedException {
        FlavourScenarios.refreshesTheTokenBeforeItExpires(simulator.console("sim-12"));
    }

    @Test
    void rejectsAnUnknownConsoleWithAProblem() {
        given().queryParam("console", "nope").post("/api/v1/refresh").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("console"));
    }

    @Test
    void recordsEveryRunWithItsOutcomes() {
        simulator.console("sim-13").failNext(1000, 500);
        long runId = refresh().getLong("id");

        given().get("/api/v1/runs/" + runId).then().statusCode(200)
                .body("trigger", equalTo("MANUAL"))
                .body("consoles.size()", equalTo(SimulatorResource.CONSOLES))
                .body("consoles.find { it.console == 'sim-13' }.error", equalTo("HTTP 500 from GET /v2/licensing/cloudconnectLicenses"));
        given().get("/api/v1/runs").then().statusCode(200).body("data[0].id", equalTo((int) runId));
        given().get("/api/v1/runs/999999").then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/runs?limit=abc").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("limit"));
    }
}
