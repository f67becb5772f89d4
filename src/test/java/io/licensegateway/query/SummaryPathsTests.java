package io.licensegateway.query;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The summary has two ways to its numbers: per-console summary rows kept by the writer (no filter, or consoles only)
 * and an aggregate over the matching licenses (any other filter). On the simulated fleet, where every license has an
 * expiry date, a filter that keeps everything must give exactly the same groups both ways.
 */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class SummaryPathsTests extends SimulatorTestBase {

    private static final String KEEPS_EVERYTHING = "expiresBefore=3000-01-01T00:00:00Z";

    @ParameterizedTest
    @ValueSource(strings = { "console=sim-01,sim-02,sim-03", "groupBy=console", "groupBy=edition", "groupBy=licenseType", "groupBy=status",
            "groupBy=company", "groupBy=edition&console=sim-01,sim-02" })
    void perConsoleRowsAndTheAggregateAgree(String query) {
        given().post("/api/v1/refresh").then().statusCode(200);

        List<Map<String, Object>> fromRows = groups(query);
        List<Map<String, Object>> aggregated = groups(query + "&" + KEEPS_EVERYTHING);

        assertThat(fromRows).isNotEmpty().isEqualTo(aggregated);
    }

    @Test
    void aChangedConsoleChangesItsRowsAndOnlyThose() {
        given().post("/api/v1/refresh").then().statusCode(200);
        List<Map<String, Object>> before = groups("groupBy=console");

        simulator.console("sim-02").reseed(4711);
        given().queryParam("console", "sim-02").post("/api/v1/refresh").then().statusCode(200);
        List<Map<String, Object>> after = groups("groupBy=console");

        assertThat(after).isEqualTo(groups("groupBy=console&" + KEEPS_EVERYTHING));
        assertThat(after.stream().filter(g -> !"sim-02".equals(g.get("key"))).toList())
                .isEqualTo(before.stream().filter(g -> !"sim-02".equals(g.get("key"))).toList());
        assertThat(after).isNotEqualTo(before);
    }

    private static List<Map<String, Object>> groups(String query) {
        return given().get("/api/v1/licenses/summary?" + query).then().statusCode(200).extract().jsonPath()
                .getList("groups");
    }
}
