package io.licensegateway.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Summary arithmetic against hand-computed totals of {@link LicenseQueryTests}' dataset. */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class SummaryTests extends FixedDataset {


    @Test
    void totalsEverything() {
        // backups 100+200+50+0+10+300 = 660 licensed, 50+200+0+0+10+150 = 410 used
        // instances 130+210+100+10+340 = 790 licensed, 65.5+201+25+10+190 = 491.5 used (b2 has none)
        // expiry: b1 expired; a1 (10 d) within 30; a2 (45 d) within 60; b2 (80 d) within 90; c1 never; c2 200 d
        given().get("/api/v1/licenses/summary").then().statusCode(200)
                .body("groupBy", nullValue())
                .body("groups.size()", equalTo(1))
                .body("groups[0].key", nullValue())
                .body("groups[0].licenses", equalTo(6))
                .body("groups[0].counters.cloudconnectBackups.licensed", equalTo(660))
                .body("groups[0].counters.cloudconnectBackups.used", equalTo(410))
                .body("groups[0].counters.cloudconnectBackups.utilization", equalTo(0.6212f))
                .body("groups[0].counters.instances.licensed", equalTo(790))
                .body("groups[0].counters.instances.used", equalTo(491.5f))
                .body("groups[0].counters.instances.utilization", equalTo(0.6222f))
                .body("groups[0].counters.vms.licensed", equalTo(5))
                .body("groups[0].counters.vms.utilization", equalTo(0.4f))
                .body("groups[0].expired", equalTo(1))
                .body("groups[0].expiringWithin30Days", equalTo(1))
                .body("groups[0].expiringWithin60Days", equalTo(2))
                .body("groups[0].expiringWithin90Days", equalTo(3));
    }

    @Test
    void groupsByConsole() {
        given().get("/api/v1/licenses/summary?groupBy=console").then().statusCode(200)
                .body("groupBy", equalTo("console"))
                .body("groups.key", equalTo(java.util.List.of("sim-01", "sim-02", "sim-03")))
                // sim-02: replicas 50/25; backups 50/0; b2 has no counters at all
                .body("groups[1].counters.cloudconnectReplicas.licensed", equalTo(50))
                .body("groups[1].counters.cloudconnectReplicas.utilization", equalTo(0.5f))
                .body("groups[1].counters.cloudconnectBackups.utilization", equalTo(0.0f))
                .body("groups[1].counters.cloudconnectWorkstations.licensed", equalTo(0))
                .body("groups[1].counters.cloudconnectWorkstations.utilization", nullValue())
                .body("groups[1].expired", equalTo(1))
                .body("groups[1].expiringWithin90Days", equalTo(1))
                // sim-01: workstations 20/10
                .body("groups[0].counters.cloudconnectWorkstations.utilization", equalTo(0.5f))
                .body("groups[0].expiringWithin60Days", equalTo(2));
    }

    @Test
    void groupsByEditionWithFilters() {
        given().get("/api/v1/licenses/summary?groupBy=edition&status=Valid").then().statusCode(200)
                .body("groups.key", equalTo(java.util.List.of("Enterprise", "Enterprise Plus", "Standard")))
                .body("groups.licenses", equalTo(java.util.List.of(2, 1, 1)))
                // Enterprise + Valid = b1 (50/0 backups) and c2 (300/150)
                .body("groups[0].counters.cloudconnectBackups.licensed", equalTo(350))
                .body("groups[0].counters.cloudconnectBackups.used", equalTo(150));
    }

    @Test
    void rejectsAnUnknownGrouping() {
        given().get("/api/v1/licenses/summary?groupBy=colour").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].parameter", equalTo("groupBy"));
        given().get("/api/v1/licenses/summary?sort=status").then().statusCode(400)
                .body("errors[0].parameter", equalTo("sort"));
    }
}
