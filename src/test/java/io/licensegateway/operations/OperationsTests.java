package io.licensegateway.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.Database;
import io.licensegateway.support.SimulatorTestBase;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;

/** Health, metrics and the operations endpoints, reached on the management port the test run picked. */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class OperationsTests extends SimulatorTestBase {

    private static final Pattern UUID = Pattern.compile(
            "(?i).*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}.*");

    /** The management interface's random test port ({@code quarkus.management.test-port=0}). */
    @TestHTTPResource(value = "/", management = true)
    URL management;



    /** {@code path} under the management root ({@code /q}). */
    private String at(String path) {
        return management.toString().replaceAll("/+$", "") + path;
    }

    private PrometheusText metrics() {
        return PrometheusText.parse(given().get(at("/metrics")).then().statusCode(200).extract().asString());
    }

    private static void refreshWithSim03Failing() {
        given().post("/api/v1/refresh").then().statusCode(200)
                .body("consoles.find { it.console == 'sim-03' }.outcome", equalTo("FAILED"));
    }

    @Test
    void readinessIsUpWithTheDatabaseMigratedToTheNewestShippedVersion() {
        JsonPath ready = given().get(at("/health/ready")).then().statusCode(200).extract().jsonPath();

        assertThat(ready.getString("status")).isEqualTo("UP");
        Map<String, Object> schema = ready.getMap("checks.find { it.name == 'database schema' }");
        assertThat(schema).containsEntry("status", "UP");
        Map<String, String> data = ready.getMap("checks.find { it.name == 'database schema' }.data");
        assertThat(data.get("expected")).isNotBlank().isEqualTo(data.get("applied"));
        given().get(at("/health/live")).then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void theConsolesGroupListsEveryConsoleAndStaysUpWhileOneFails() {
        simulator.console("sim-03").failNext(1000, 503);
        refreshWithSim03Failing();

        JsonPath group = given().get(at("/health/group/consoles")).then().statusCode(200).extract().jsonPath();

        assertThat(group.getString("status")).isEqualTo("UP");
        Map<String, String> states = group.getMap("checks.find { it.name == 'consoles' }.data");
        assertThat(states).hasSize(SimulatorResource.CONSOLES).containsEntry("sim-01", "OK")
                .containsEntry("sim-20", "OK").containsEntry("sim-03", "CIRCUIT_OPEN");
        // A failing console is not a reason to take the gateway out of rotation.
        given().get(at("/health/ready")).then().statusCode(200).body("status", equalTo("UP"));
        given().get(at("/health")).then().statusCode(200)
                .body("checks.find { it.name == 'consoles' }", equalTo(null));
    }

    @Test
    void metricsDescribeARefreshWithOneFailingConsole() {
        simulator.console("sim-03").failNext(1000, 503);
        refreshWithSim03Failing();

        // The breaker's delay in this profile is 1 s: read its gauge straight away.
        PrometheusText first = metrics();
        assertThat(first.value("gateway_circuit_breaker_open", "console", "sim-03")).hasValue(1.0);
        assertThat(first.value("gateway_circuit_breaker_open", "console", "sim-01")).hasValue(0.0);
        assertThat(first.value("gateway_fetch_outcomes_total", "console", "sim-03", "outcome", "FAILED",
                "error_kind", "SERVER_ERROR").orElseThrow()).isGreaterThanOrEqualTo(1.0);
        assertThat(first.value("gateway_fetch_outcomes_total", "console", "sim-01", "outcome", "UPDATED",
                "error_kind", "none").orElseThrow()).isGreaterThanOrEqualTo(1.0);
        assertThat(first.value("gateway_fetch_retries_total", "console", "sim-03").orElseThrow())
                .isGreaterThanOrEqualTo(3.0);
        assertThat(first.value("gateway_fetch_duration_seconds_bucket", "console", "sim-03", "outcome", "FAILED",
                "le", "+Inf").orElseThrow()).isGreaterThanOrEqualTo(1.0);
        assertThat(first.value("gateway_fetch_duration_seconds_count", "console", "sim-01", "outcome", "UPDATED")
                .orElseThrow()).isGreaterThanOrEqualTo(1.0);

        // The snapshot figures come from a query the run's event starts; it ends shortly after the response.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                metrics().value("gateway_licenses", "console", "sim-01")).hasValue(SimulatorResource.LICENSES));
        String text = given().get(at("/metrics")).then().extract().asString();
        assertThat(text).contains("gateway_licenses{console=\"sim-01\"} 25.0");
        PrometheusText after = PrometheusText.parse(text);
        assertThat(after.value("gateway_licenses", "console", "sim-03").orElseThrow()).isNaN();
        assertThat(after.value("gateway_snapshot_age_seconds", "console", "sim-01").orElseThrow()).isBetween(0.0, 30.0);
        assertThat(after.value("gateway_license_soonest_expiry_days", "console", "sim-01").orElseThrow())
                .isCloseTo(database.number("""
                        select extract(epoch from min(l.license_expiration_date) - now()) / 86400
                        from license_current l where l.console = 'sim-01'"""),
                        within(0.01));
        assertThat(after.value("gateway_utilization_ratio", "console", "sim-01", "counter", "backups").orElseThrow())
                .isCloseTo(database.number("""
                        select sum(used_cloudconnect_backups)::float8 / sum(licensed_cloudconnect_backups)
                        from license_current l where l.console = 'sim-01'"""),
                        within(1e-9));
        assertThat(after.value("gateway_utilization_ratio", "console", "sim-01", "counter", "instances").orElseThrow())
                .isBetween(0.0, 1.0);
        // The simulator licenses no VMs: 0 of 0 is no ratio at all.
        assertThat(after.value("gateway_utilization_ratio", "console", "sim-01", "counter", "vms").orElseThrow()).isNaN();
    }

    @Test
    void alertMetricsAgreeWithTheStoredLicenses() {
        simulator.console("sim-03").failNext(1000, 503);
        refreshWithSim03Failing();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                metrics().value("gateway_console_failing", "console", "sim-03")).hasValue(1.0));
        PrometheusText m = metrics();

        assertThat(m.value("gateway_refresh_interval_seconds")).hasValue(900.0);
        assertThat(m.value("gateway_console_failing", "console", "sim-01")).hasValue(0.0);
        assertThat(m.value("gateway_console_last_success_timestamp_seconds", "console", "sim-01").orElseThrow())
                .isCloseTo(database.number("select extract(epoch from last_success_at) from console_state "
                        + "where console = 'sim-01'"), within(0.001));
        assertThat(m.value("gateway_console_last_success_timestamp_seconds", "console", "sim-03").orElseThrow()).isNaN();
        for (Row row : database.rows("""
                select edition, count(*) as licenses,
                       count(*) filter (where license_expiration_date < now()) as expired,
                       count(*) filter (where license_expiration_date >= now()
                                          and license_expiration_date < now() + interval '30 days') as within_30,
                       count(*) filter (where license_expiration_date >= now()
                                          and license_expiration_date < now() + interval '7 days') as within_7,
                       count(*) filter (where level = 2) as over, count(*) filter (where level = 1) as near
                from (select *, license_usage_level(
                        array[licensed_vms, licensed_cloudconnect_backups, licensed_cloudconnect_replicas,
                              licensed_cloudconnect_servers, licensed_cloudconnect_workstations, total_instances],
                        array[used_vms, used_cloudconnect_backups, used_cloudconnect_replicas, used_cloudconnect_servers,
                              used_cloudconnect_workstations, used_instances]) as level
                      from license_current where console = 'sim-01') l
                group by edition""")) {
            String edition = row.getString("edition");
            assertThat(m.value("gateway_licenses_by_edition", "console", "sim-01", "edition", edition))
                    .hasValue(row.getLong("licenses"));
            assertThat(m.value("gateway_licenses_expired", "console", "sim-01", "edition", edition))
                    .hasValue(row.getLong("expired"));
            assertThat(m.value("gateway_licenses_expiring", "console", "sim-01", "edition", edition, "within_days", "30"))
                    .hasValue(row.getLong("within_30"));
            assertThat(m.value("gateway_licenses_expiring", "console", "sim-01", "edition", edition, "within_days", "7"))
                    .hasValue(row.getLong("within_7"));
            assertThat(m.value("gateway_licenses_over_limit", "console", "sim-01", "edition", edition))
                    .hasValue(row.getLong("over"));
            assertThat(m.value("gateway_licenses_near_limit", "console", "sim-01", "edition", edition))
                    .hasValue(row.getLong("near"));
        }
        assertThat(m.named("gateway_licenses_by_status").stream().filter(s -> "sim-01".equals(s.labels().get("console")))
                .mapToDouble(PrometheusText.Sample::value).sum()).isEqualTo(SimulatorResource.LICENSES);
        assertThat(m.named("gateway_licenses_by_type").stream().filter(s -> "sim-01".equals(s.labels().get("console")))
                .mapToDouble(PrometheusText.Sample::value).sum()).isEqualTo(SimulatorResource.LICENSES);
        assertThat(m.named("gateway_licenses_by_edition")).noneMatch(s -> "sim-03".equals(s.labels().get("console")));
        // the simulator never uses more than it licenses, but nearly does
        assertThat(m.named("gateway_licenses_near_limit").stream().mapToDouble(PrometheusText.Sample::value).sum())
                .isPositive();
    }

    @Test
    void metricLabelsAreBoundedNamesNeverLicenseIdsOrCompanies() {
        given().queryParam("console", "sim-01").post("/api/v1/refresh").then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                metrics().value("gateway_licenses", "console", "sim-01")).hasValue(SimulatorResource.LICENSES));
        String licenseId = given().get("/api/v1/licenses?console=sim-01&limit=1").then().statusCode(200)
                .extract().path("data[0].id");
        assertThat(licenseId).matches(UUID); // so the check below would catch one

        // the audit counter (exactly kind and outcome) and the current view's gauges (no label) are the gateway
        // metrics not per console
        var all = metrics().samples();
        assertThat(all).filteredOn(s -> s.name().equals("gateway_audit_events_total"))
                .allMatch(s -> s.labels().keySet().equals(java.util.Set.of("kind", "outcome")));
        assertThat(all).filteredOn(s -> s.name().startsWith("gateway_view_")).isNotEmpty()
                .allMatch(s -> s.labels().isEmpty());
        var gateway = all.stream().filter(s -> s.name().startsWith("gateway_"))
                .filter(s -> !s.name().equals("gateway_audit_events_total") && !s.name().startsWith("gateway_view_"))
                .toList();

        assertThat(gateway).isNotEmpty();
        assertThat(gateway).flatMap(s -> s.labels().keySet())
                .containsOnly("console", "outcome", "error_kind", "counter", "le", "edition", "status", "type",
                        "within_days");
        assertThat(gateway).flatMap(s -> s.labels().values()).noneMatch(value -> UUID.matcher(value).matches());
        assertThat(gateway).filteredOn(s -> !s.name().startsWith("gateway_refresh_interval"))
                .map(s -> s.labels().get("console")).allMatch(name -> name.matches("sim-\\d\\d"));
        // edition, status and type take the values of the data, never a company or an id
        var companies = database.strings("select distinct company_name from license_current where company_name is not null");
        assertThat(companies).isNotEmpty();
        assertThat(gateway).flatMap(s -> s.labels().values()).doesNotContainAnyElementsOf(companies);
    }

    @Test
    void openApiAndSwaggerUiAreServedOnTheManagementPortOnly() {
        given().get(at("/openapi")).then().statusCode(200);
        given().get(at("/swagger-ui/")).then().statusCode(200);
        given().get("/q/openapi").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }
}
