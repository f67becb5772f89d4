package io.licensegateway.fetch;

import static io.licensegateway.fetch.RefreshTests.refresh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.Database;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/** The built-in fleet of dev mode mixes flavours: odd-numbered consoles speak v2, even-numbered v3 (with an API key). */
@QuarkusTest
@TestProfile(SimulatedFleetTests.BuiltInFleet.class)
class SimulatedFleetTests {

    public static class BuiltInFleet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.simulator.enabled", "true", "gateway.simulator.consoles", "3",
                    "gateway.simulator.licenses-per-console", "30", "gateway.simulator.latency", "0ms",
                    "gateway.refresh.scheduled", "false");
        }
    }

    @Inject
    Database database;

    @Test
    void fetchesTheDefaultMixOfTwoV2ConsolesAndOneV3Console() {
        database.clear();

        JsonPath run = refresh();

        assertThat(run.getList("consoles.outcome")).hasSize(3).containsOnly("UPDATED");
        JsonPath consoles = given().get("/api/v1/consoles").then().statusCode(200).extract().jsonPath();
        assertThat(consoles.getString("data.find { it.name == 'sim-1' }.api")).isEqualTo("v2");
        assertThat(consoles.getString("data.find { it.name == 'sim-2' }.api")).isEqualTo("v3");
        assertThat(consoles.getString("data.find { it.name == 'sim-3' }.api")).isEqualTo("v2");
        assertThat(database.count("select count(*) from license_current where console = 'sim-2'")).isEqualTo(30);
    }
}
