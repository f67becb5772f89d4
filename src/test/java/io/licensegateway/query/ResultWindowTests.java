package io.licensegateway.query;

import static io.licensegateway.support.LicenseFixtures.license;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.upstream.UpstreamLicense;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Bounded totals and the offset window, with bounds small enough for {@link LicenseQueryTests#DATA}: totals are
 * counted up to 5, and offset + limit may reach 20 (so every request here names a limit: the default of 100 is
 * already past that window).
 */
@QuarkusTest
@TestProfile(ResultWindowTests.SmallBounds.class)
class ResultWindowTests extends FixedDataset {

    public static class SmallBounds extends SimulatedConsolesProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("gateway.query.track-total-hits", "5");
            overrides.put("gateway.query.max-result-window", "20");
            return overrides;
        }
    }

    private static JsonPath page(String query) {
        return given().get("/api/v1/licenses?" + query).then().statusCode(200).extract().jsonPath();
    }

    private static void assertTotal(String query, int total, String relation) {
        JsonPath page = page(query);
        assertThat(page.getInt("meta.total")).as(query).isEqualTo(total);
        assertThat(page.getString("meta.totalRelation")).as(query).isEqualTo(relation);
    }

    @Test
    void countsTotalsUpToTheBoundAndSaysWhetherTheyAreExact() {
        // six licenses: counting stops past five
        assertTotal("limit=1", 5, "gte");
        assertTotal("limit=10&status=Valid,Warning", 5, "eq");
        assertTotal("limit=10&status=Valid", 4, "eq");
        assertTotal("limit=10&console=sim-01", 2, "eq");
        assertTotal("limit=10&status=Expired", 0, "eq");
        // the page itself is not bounded by the count
        assertThat(page("limit=20").getList("data")).hasSize(6);
    }

    @Test
    void countsAnAsOfViewOverCurrentAndClosedVersions() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // a1 changes (its old version is closed), a2 stays, three licenses are new
        UpstreamLicense changed = license("a1", "Acme, Inc.", "Acme", "Expired", "Enterprise Plus", "Rental", 10, 5,
                new int[10], "1", "1");
        snapshots.store("sim-01", List.of(changed, LicenseQueryTests.A2, fixture("a3"), fixture("a4"), fixture("a5")));

        assertTotal("limit=10&console=sim-01", 5, "eq");
        // as of before: a1's closed version plus a2's current one
        assertTotal("limit=10&console=sim-01&asOf=" + before, 2, "eq");
        assertThat(page("limit=10&console=sim-01&asOf=" + before).getList("data.status"))
                .containsExactly("Valid", "Warning");
        // both branches together pass the bound: five current versions and one closed one
        assertTotal("limit=10&asOf=" + before, 5, "gte");
        assertTotal("limit=10&asOf=" + before + "&status=Valid", 4, "eq");
    }

    @Test
    void refusesAnOffsetPastTheWindowAndPointsToTheCursor() {
        assertThat(page("offset=15&limit=5").getList("data")).isEmpty();

        given().get("/api/v1/licenses?offset=15&limit=6").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].parameter", equalTo("offset"))
                .body("detail", containsString("at most 20"))
                .body("detail", containsString("nextCursor"));
        given().get("/api/v1/licenses?offset=20&limit=1").then().statusCode(400)
                .body("errors[0].parameter", equalTo("offset"));
    }

    @Test
    void aCursorWalksPastTheWindow() {
        List<UpstreamLicense> many = IntStream.range(0, 30).mapToObj(i -> fixture(String.format("d%02d", i))).toList();
        snapshots.store("sim-04", many);

        List<String> walked = new ArrayList<>();
        JsonPath page = page("limit=8");
        walked.addAll(page.getList("data.id"));
        while (page.getString("meta.nextCursor") != null) {
            page = given().queryParam("cursor", page.getString("meta.nextCursor")).get("/api/v1/licenses?limit=8")
                    .then().statusCode(200).body("meta.totalRelation", equalTo("gte")).extract().jsonPath();
            walked.addAll(page.getList("data.id"));
        }

        assertThat(walked).hasSize(36).doesNotHaveDuplicates()
                .containsAll(many.stream().map(UpstreamLicense::id).toList());
    }

    private static UpstreamLicense fixture(String id) {
        return license(id, "Company " + id, "Licensee " + id, "Valid", "Standard", "Rental", 100, 50, new int[10], "1",
                "1");
    }
}
