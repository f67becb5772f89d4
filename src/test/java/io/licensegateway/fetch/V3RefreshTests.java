package io.licensegateway.fetch;

import static io.licensegateway.fetch.RefreshTests.outcomeOf;
import static io.licensegateway.fetch.RefreshTests.refresh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.support.MixedFleetProfile;
import io.licensegateway.support.SimulatorResource;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/** VSPC v3 consoles next to VAC v2 ones: over real HTTP to the simulator, stored in the real PostgreSQL. */
@QuarkusTest
@TestProfile(MixedFleetProfile.class)
class V3RefreshTests extends SimulatorTestBase {

    private static final int LICENSES = SimulatorResource.LICENSES;
    private static final String LICENSES_V3 = "GET /api/v3/licensing/sites";

    @Test
    void aMixedFleetIsFetchedAtOnceAndServedSideBySide() {
        simulator.consoles().forEach(c -> c.latency(Duration.ofMillis(200)));

        JsonPath run = refresh();

        assertThat(run.getList("consoles.outcome")).hasSize(MixedFleetProfile.CONSOLES).containsOnly("UPDATED");
        assertThat(simulator.peakInFlight()).isGreaterThanOrEqualTo(MixedFleetProfile.CONSOLES);
        JsonPath licenses = given().get("/api/v1/licenses?limit=1000").then().statusCode(200).extract().jsonPath();
        assertThat(licenses.getInt("meta.total")).isEqualTo(MixedFleetProfile.CONSOLES * LICENSES);
        assertThat(licenses.getList("data.console", String.class)).contains("sim-01", "sim-02", "v3p-01", "v3k-04");
        assertThat(licenses.getList("meta.consoles.api", String.class)).contains("v2", "v3");
        assertThat(licenses.getString("meta.consoles.find { it.name == 'v3k-01' }.api")).isEqualTo("v3");
        assertThat(licenses.getString("meta.consoles.find { it.name == 'sim-01' }.api")).isEqualTo("v2");
    }

    @Test
    void mapsSiteLicensesAndNamesTheirSites() {
        SimulatedConsole console = simulator.console("v3k-01");
        JsonObject generated = console.licenses().get(0);
        JsonObject site = console.siteLicenses().get(0);

        refresh("v3k-01");

        Map<String, Object> served = given().get("/api/v1/licenses?limit=1000").then().statusCode(200).extract()
                .jsonPath().getMap("data.find { it.id == '" + site.getString("siteUid") + "' }");
        assertThat(served).containsEntry("console", "v3k-01")
                .containsEntry("backupServerName", generated.getString("backupServerName"))
                .containsEntry("licensedTo", site.getString("company"))
                .containsEntry("companyName", site.getString("company"))
                .containsEntry("licenseeEmail", site.getString("email"))
                .containsEntry("licenseType", site.getString("type"))
                .containsEntry("status", site.getString("status"))
                .containsEntry("supportId", site.getJsonArray("supportIds").getString(0))
                .containsEntry("monitoring", site.getBoolean("monitoring") ? "Yes" : "No")
                .containsEntry("licensedCloudconnectBackups", null);
        long points = console.siteLicenses().stream().filter(l -> l.getString("unitType").equals("Points")).count();
        assertThat(points).as("the generator makes some Points licenses").isPositive();
        assertThat(database.count("""
                select count(*) from license_current join license_raw using (console, id, valid_from)
                where console = $1 and total_instances is null and used_instances is null
                and raw::jsonb ->> 'unitType' = 'Points' and raw::jsonb ->> 'units' is not null""", "v3k-01"))
                .isEqualTo(points);
        assertThat(database.count("""
                select count(*) from license_current join license_raw using (console, id, valid_from)
                where console = $1 and total_instances = (raw::jsonb ->> 'units')::numeric
                and raw::jsonb ->> 'unitType' = 'Instances'""", "v3k-01")).isEqualTo(LICENSES - points);
    }

    @Test
    void aRenamedSiteIsReadAlthoughTheLicensePagesAreTheSame() {
        String name = "v3k-02";
        assertThat(outcomeOf(refresh(name), name)).containsEntry("outcome", "UPDATED");
        assertThat(outcomeOf(refresh(name), name)).containsEntry("outcome", "UNCHANGED");

        // only the sites collection changes; the license pages, kept as bytes, must be read with it
        SimulatedConsole console = simulator.console(name);
        List<JsonObject> licenses = new ArrayList<>(console.licenses().stream().map(JsonObject::copy).toList());
        licenses.get(0).put("backupServerName", "vcc-renamed");
        String siteUid = console.siteLicenses().get(0).getString("siteUid");
        console.serve(licenses);
        assertThat(console.siteLicenses().get(0).getString("siteUid")).isEqualTo(siteUid);

        assertThat(outcomeOf(refresh(name), name)).containsEntry("outcome", "UPDATED").containsEntry("licenseCount", LICENSES);
        assertThat(database.strings("select backup_server_name from license_current where console = $1 and id = $2",
                name, siteUid)).containsExactly("vcc-renamed");
        assertThat(database.count("select count(*) from license_current where console = $1", name)).isEqualTo(LICENSES);
    }

    @Test
    void pagesUntilThePagingTotal() {
        refresh("v3p-01");

        // 25 licenses in pages of 10: three pages, one token.
        SimulatedConsole console = simulator.console("v3p-01");
        assertThat(console.licenseRequests()).isEqualTo(3);
        assertThat(console.passwordGrants()).isEqualTo(1);
        assertThat(console.clientVersions()).containsExactly("3.5.1");
        assertThat(database.count("select count(*) from license_current where console = $1", "v3p-01")).isEqualTo(LICENSES);
    }

    @Test
    void aPageThatDoesNotAdvanceFailsAsABadResponse() {
        simulator.console("v3p-02").ignoreOffset(true);

        Map<String, Object> outcome = outcomeOf(refresh("v3p-02"), "v3p-02");

        assertThat(outcome).containsEntry("outcome", "FAILED").containsEntry("errorKind", "BAD_RESPONSE")
                .containsEntry("attempts", 1);
        assertThat((String) outcome.get("error")).startsWith(LICENSES_V3 + " paging does not advance");
        assertThat(database.currentSnapshot("v3p-02")).isNull();
    }

    @Test
    void stopsPollingAnEndlessAsyncActionAtTheDeadline() throws InterruptedException {
        SimulatedConsole console = simulator.console("v3k-03").asyncNext(1000, 1_000_000);

        Map<String, Object> outcome = outcomeOf(refresh("v3k-03"), "v3k-03");

        assertThat(outcome).containsEntry("outcome", "FAILED").containsEntry("errorKind", "DEADLINE");
        int polls = console.asyncPolls();
        assertThat(polls).isPositive();
        Thread.sleep(2500); // longer than the longest pause between two polls
        assertThat(console.asyncPolls()).as("polls after the deadline").isEqualTo(polls);
    }

    @Test
    void pollsAnAsyncActionToItsResultAndStoresIt() {
        SimulatedConsole console = simulator.console("v3k-01").asyncNext(1, 2);

        Map<String, Object> outcome = outcomeOf(refresh("v3k-01"), "v3k-01");

        assertThat(outcome).containsEntry("outcome", "UPDATED").containsEntry("attempts", 1)
                .containsEntry("licenseCount", LICENSES);
        // running, running, succeed
        assertThat(console.asyncPolls()).isEqualTo(3);
        assertThat(console.licenseRequests()).isEqualTo(3);
        assertThat(database.count("select count(*) from license_current where console = $1", "v3k-01")).isEqualTo(LICENSES);
    }

    @Test
    void retriesWhenAnAsyncActionFails() {
        SimulatedConsole console = simulator.console("v3k-02").asyncFailNext(1, 1);

        Map<String, Object> outcome = outcomeOf(refresh("v3k-02"), "v3k-02");

        assertThat(outcome).containsEntry("outcome", "UPDATED").containsEntry("attempts", 2);
        assertThat(console.asyncPolls()).isEqualTo(2);
    }

    @Test
    void honoursRetryAfterFromTheErrorBody() {
        FlavourScenarios.honoursRetryAfterWhenThrottled(simulator.console("v3k-03"));
    }

    @Test
    void retriesServerErrorsSentAs520AndSurfacesTheConsolesMessage() {
        simulator.console("v3p-03").failNext(2, 503);
        simulator.console("v3p-04").failNext(1000, 500);

        JsonPath run = refresh();

        assertThat(outcomeOf(run, "v3p-03")).containsEntry("outcome", "UPDATED").containsEntry("attempts", 3);
        assertThat(outcomeOf(run, "v3p-04")).containsEntry("outcome", "FAILED").containsEntry("errorKind", "SERVER_ERROR")
                .containsEntry("attempts", 4)
                .containsEntry("error", "HTTP 520 from " + LICENSES_V3 + "; console says \"Simulated failure\" (unspecified)");
    }

    @Test
    void judgesErrorsByTheirTypeInTheEnvelope() {
        simulator.console("v3k-03").failNext(5, 400);
        simulator.console("v3k-04").failNext(1, 409);

        JsonPath run = refresh();

        assertThat(outcomeOf(run, "v3k-03")).containsEntry("outcome", "FAILED").containsEntry("errorKind", "CLIENT_ERROR")
                .containsEntry("attempts", 1)
                .containsEntry("error", "HTTP 400 from " + LICENSES_V3 + "; console says \"Simulated failure\" (logical)");
        // 409 alone would be final; retryableLogical asks for a resend.
        assertThat(outcomeOf(run, "v3k-04")).containsEntry("outcome", "UPDATED").containsEntry("attempts", 2);
    }

    @Test
    void sendsTheApiKeyWithoutATokenCall() {
        SimulatedConsole console = simulator.console("v3k-02");

        assertThat(outcomeOf(refresh("v3k-02"), "v3k-02")).containsEntry("outcome", "UPDATED");

        assertThat(console.passwordGrants()).isZero();
        assertThat(console.refreshGrants()).isZero();
        // Three pages of licenses and three of sites, nothing else.
        assertThat(console.requests()).isEqualTo(3 + 3);
        assertThat(console.clientVersions()).containsExactly("3.5.1");
    }

    @Test
    void aRejectedApiKeyIsAFinalAuthFailureAndNeverShown() {
        SimulatedConsole console = simulator.console("v3k-04");
        console.revokeApiKey();

        JsonPath run = refresh("v3k-04");

        assertThat(outcomeOf(run, "v3k-04")).containsEntry("outcome", "FAILED").containsEntry("errorKind", "AUTH")
                .containsEntry("attempts", 1);
        assertThat(console.passwordGrants()).isZero();
        String runs = given().get("/api/v1/runs/" + run.getLong("id")).then().statusCode(200).extract().asString();
        String consoles = given().get("/api/v1/consoles").then().statusCode(200).extract().asString();
        assertThat(run.prettify() + runs + consoles).doesNotContain(console.apiKey())
                .doesNotContain(simulator.console("v3p-01").password());
    }

    @Test
    void logsInAgainExactlyOnceWhenV3TokensAreRevoked() {
        FlavourScenarios.logsInAgainExactlyOnceWhenTheTokenIsRevoked(simulator.console("v3p-01"));
    }

    @Test
    void refreshesTheV3TokenBeforeItExpires() throws InterruptedException {
        FlavourScenarios.refreshesTheTokenBeforeItExpires(simulator.console("v3p-02"));
    }
}
