package io.licensegateway.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.Database;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** A database without a trigram index (no pg_trgm privilege) is named at start and still answers substring filters. */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class SearchIndexesTests extends SimulatorTestBase {

    @Inject
    SearchIndexes indexes;

    @Inject
    Database db;

    @Test
    void namesAMissingIndexAndTheFilterItServedStillAnswers() {
        given().queryParam("console", "sim-01").post("/api/v1/refresh").then().statusCode(200);
        String companyOfFirst = simulator.console("sim-01").licenses().get(0).getString("companyName");
        long expected = simulator.console("sim-01").licenses().stream()
                .filter(l -> l.getString("companyName").toLowerCase().contains(companyOfFirst.substring(2, 9).toLowerCase()))
                .count();
        assertThat(indexes.missing().await().atMost(Duration.ofSeconds(5))).isEmpty();

        db.execute("drop index license_current_company_trgm_idx");
        try {
            assertThat(indexes.missing().await().atMost(Duration.ofSeconds(5)))
                    .containsExactly("license_current_company_trgm_idx");
            given().queryParam("company", companyOfFirst.substring(2, 9).toUpperCase()).get("/api/v1/licenses")
                    .then().statusCode(200).body("meta.total", equalTo((int) expected));
        } finally {
            db.execute("create index license_current_company_trgm_idx on license_current using gin "
                    + "(company_name gin_trgm_ops)");
        }
    }
}
