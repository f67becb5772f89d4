package io.licensegateway.operations;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A run that rewrote much of the current licenses leaves fresh planner statistics behind it. */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class PlannerStatisticsTests extends SimulatorTestBase {

    @Test
    void aLargeWriteIsAnalysedRightAfterItsRun() {
        double before = database.number("select extract(epoch from clock_timestamp())");

        given().post("/api/v1/refresh").then().statusCode(200);

        await().atMost(Duration.ofSeconds(10)).until(() -> database.count("""
                select count(*) from pg_stat_user_tables
                where relname = 'license_current' and extract(epoch from last_analyze) > $1""", before) == 1);
    }

    @Test
    void anUnchangedRunAnalysesNothing() {
        given().post("/api/v1/refresh").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> database.count("""
                select count(*) from pg_stat_user_tables where relname = 'license_current' and last_analyze is not null""")
                == 1);
        double before = database.number("select extract(epoch from clock_timestamp())");

        given().post("/api/v1/refresh").then().statusCode(200);

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> database.count("""
                select count(*) from pg_stat_user_tables
                where relname = 'license_current' and extract(epoch from last_analyze) > $1""", before) == 0);
    }
}
