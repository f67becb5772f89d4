package io.licensegateway.usage;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * Monthly usage against a hand-computed September 2026 (30 days, UTC), written straight into the version store:
 *
 * <pre>
 * sim-01 fresh all month                     sim-02 down 10 Sep 00:00 – 13 Sep 00:00 (27 of 30 days fresh)
 * A sim-01 "Contoso GmbH"  used 100 until 5 Sep, 200 until 15 Sep, then 50; 200 licensed
 * E sim-01 "Contoso GmbH"  used 0, 10 licensed, all month
 * B sim-02 "CONTOSO GMBH." appears 20 Sep, used 80, 100 licensed
 * C sim-01 "Fabrikam AG"   used 30, 40 licensed, removed 10 Sep
 * D sim-02 "Initech"       used 10, 20 licensed, all month
 * </pre>
 *
 * Contoso: sum of peaks 200 + 0 + 80 = 280, but its highest total at one instant is 200 (5–15 Sep; from 20 Sep it is
 * 50 + 0 + 80 = 130); at month end 130 used of 310 licensed.
 */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class MonthlyUsageTests extends SimulatorTestBase {

    private static final String SEPTEMBER = "/api/v1/usage/monthly?month=2026-09&console=sim-01,sim-02";

    @BeforeEach
    void september() {
        fresh("sim-01", "2026-08-31T23:50:00Z", "2026-10-01T00:20:00Z");
        fresh("sim-02", "2026-08-31T23:50:00Z", "2026-09-10T00:00:00Z");
        fresh("sim-02", "2026-09-13T00:00:00Z", "2026-10-01T00:20:00Z");
        closed("sim-01", "A", "Contoso GmbH", "2026-08-01T00:00:00Z", "2026-09-05T00:00:00Z", 200, 100);
        closed("sim-01", "A", "Contoso GmbH", "2026-09-05T00:00:00Z", "2026-09-15T00:00:00Z", 200, 200);
        current("sim-01", "A", "Contoso GmbH", "2026-09-15T00:00:00Z", 200, 50);
        current("sim-01", "E", "Contoso GmbH", "2026-08-01T00:00:00Z", 10, 0);
        current("sim-02", "B", "CONTOSO GMBH.", "2026-09-20T00:00:00Z", 100, 80);
        closed("sim-01", "C", "Fabrikam AG", "2026-08-01T00:00:00Z", "2026-09-10T00:00:00Z", 40, 30);
        current("sim-02", "D", "Initech", "2026-08-01T00:00:00Z", 20, 10);
    }

    @Test
    void companiesOfAHandComputedMonth() {
        JsonPath month = given().get(SEPTEMBER + "&groupBy=company").then().statusCode(200).extract().jsonPath();

        assertThat(month.getBoolean("partial")).isFalse();
        assertThat(month.getString("from")).isEqualTo("2026-09-01T00:00:00Z");
        assertThat(month.getString("until")).isEqualTo("2026-10-01T00:00:00Z");
        assertThat(month.getList("groups.key")).containsExactly("contoso", "fabrikam", "initech");

        Map<String, Object> contoso = group(month, "contoso");
        assertThat(contoso).containsEntry("name", "Contoso GmbH").containsEntry("licenses", 3)
                .containsEntry("consoles", List.of("sim-01", "sim-02")).containsEntry("daysWithData", 27);
        assertThat(number(contoso.get("coverage"))).isEqualByComparingTo("0.95");
        assertThat(instances(contoso)).isEqualTo(figures("310", "280", "130", "200"));

        Map<String, Object> fabrikam = group(month, "fabrikam");
        assertThat(fabrikam).containsEntry("licenses", 1).containsEntry("daysWithData", 30);
        // removed on the 10th: nothing licensed or used at month end, its peak stays
        assertThat(instances(fabrikam)).isEqualTo(figures(null, "30", null, "30"));

        Map<String, Object> initech = group(month, "initech");
        assertThat(number(initech.get("coverage"))).isEqualByComparingTo("0.9");
        assertThat(initech).containsEntry("daysWithData", 27);
        assertThat(instances(initech)).isEqualTo(figures("20", "10", "10", "10"));
    }

    @Test
    void aConsoleDownForThreeDaysIsAListedGapNeverFilled() {
        JsonPath month = given().get(SEPTEMBER + "&groupBy=console").then().statusCode(200).extract().jsonPath();

        assertThat(month.getList("consoles.name")).containsExactly("sim-01", "sim-02");
        assertThat(month.getList("consoles[0].gaps")).isEmpty();
        assertThat(number(month.get("consoles[0].coverage"))).isEqualByComparingTo("1");
        assertThat(month.getList("consoles[1].gaps")).isEqualTo(List.of(Map.of("from", "2026-09-10T00:00:00Z",
                "until", "2026-09-13T00:00:00Z")));
        assertThat(number(month.get("consoles[1].coverage"))).isEqualByComparingTo("0.9");
        assertThat(month.getInt("consoles[1].daysWithData")).isEqualTo(27);

        // sim-02: D all month, B from the 20th; the gap adds nothing and takes nothing away
        assertThat(instances(group(month, "sim-02"))).isEqualTo(figures("120", "90", "90", "90"));
        // sim-01: A, E and C (removed on the 10th); at one instant at most 100 + 0 + 30 before the 5th, 200 + 0 + 30 after
        assertThat(instances(group(month, "sim-01"))).isEqualTo(figures("210", "230", "50", "230"));
    }

    @Test
    void perLicenseFiguresHaveNoGroupPeak() {
        JsonPath month = given().get(SEPTEMBER + "&groupBy=license").then().statusCode(200).extract().jsonPath();

        assertThat(month.getList("groups.key")).containsExactly("sim-01/A", "sim-01/C", "sim-01/E", "sim-02/B", "sim-02/D");
        Map<String, Object> a = group(month, "sim-01/A");
        assertThat(a).containsEntry("name", "Contoso GmbH");
        assertThat(instances(a)).isEqualTo(Map.of("licensed", 200, "peakUsed", 200, "usedAtEnd", 50));
        // B appeared on the 20th: seen 11 of the 30 days, but on each of those its console was fresh
        assertThat(instances(group(month, "sim-02/B"))).isEqualTo(Map.of("licensed", 100, "peakUsed", 80, "usedAtEnd", 80));
    }

    @Test
    void groupsComePagedInKeyOrderAndThePagesAddUpToTheWholeMonth() {
        JsonPath first = given().get(SEPTEMBER + "&groupBy=license&limit=2").then().statusCode(200).extract().jsonPath();
        assertThat(first.getList("groups.key")).containsExactly("sim-01/A", "sim-01/C");
        assertThat(first.getString("nextAfter")).isEqualTo("sim-01/C");
        // coverage is the month's, on every page
        assertThat(first.getList("consoles.name")).containsExactly("sim-01", "sim-02");

        JsonPath second = given().get(SEPTEMBER + "&groupBy=license&limit=2&after=" + first.getString("nextAfter"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(second.getList("groups.key")).containsExactly("sim-01/E", "sim-02/B");
        JsonPath last = given().get(SEPTEMBER + "&groupBy=license&limit=2&after=" + second.getString("nextAfter"))
                .then().statusCode(200).extract().jsonPath();
        assertThat(last.getList("groups.key")).containsExactly("sim-02/D");
        assertThat(last.getString("nextAfter")).isNull();
        // a page's figures are those of the whole month
        assertThat(instances(group(second, "sim-02/B")))
                .isEqualTo(Map.of("licensed", 100, "peakUsed", 80, "usedAtEnd", 80));

        given().get(SEPTEMBER + "&limit=0").then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
        given().get(SEPTEMBER + "&limit=10001").then().statusCode(400).body("errors[0].parameter", equalTo("limit"));
    }

    @Test
    void csvStreamsEveryGroupOfTheMonthInKeyOrder() {
        List<String> lines = given().accept("text/csv").get(SEPTEMBER + "&groupBy=license").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString().lines().toList();

        assertThat(lines).hasSize(6);
        assertThat(lines.subList(1, 6)).extracting(line -> line.split(",")[3])
                .containsExactly("sim-01/A", "sim-01/C", "sim-01/E", "sim-02/B", "sim-02/D");
        given().accept("text/csv").get(SEPTEMBER + "&limit=2").then().statusCode(400);
    }

    @Test
    void aMonthInProgressIsPartial() {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime monthStart = now.withDayOfMonth(1).toLocalDate().atStartOfDay().atOffset(ZoneOffset.UTC);
        fresh("sim-01", monthStart.minusMinutes(5).toString(), now.plusMinutes(30).toString());
        current("sim-01", "F", "Tailspin Pty Ltd", monthStart.minusDays(3).toString(), 10, 4);
        String month = now.toLocalDate().toString().substring(0, 7);

        JsonPath usage = given().get("/api/v1/usage/monthly?month=" + month + "&console=sim-01&groupBy=company").then()
                .statusCode(200).extract().jsonPath();

        assertThat(usage.getBoolean("partial")).isTrue();
        assertThat(OffsetDateTime.parse(usage.getString("until"))).isAfter(now.minusMinutes(1)).isBefore(monthStart.plusMonths(1));
        assertThat(usage.getList("consoles[0].gaps")).isEmpty();
        assertThat(number(usage.get("consoles[0].coverage"))).isEqualByComparingTo("1");
        assertThat(instances(group(usage, "tailspin"))).isEqualTo(figures("10", "4", "4", "4"));
    }

    @Test
    void csvHasOneLinePerGroupAndFourColumnsPerCounter() {
        String csv = given().accept("text/csv").get(SEPTEMBER + "&groupBy=company").then().statusCode(200)
                .contentType(startsWith("text/csv")).extract().asString();

        List<String> lines = csv.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("month,partial,groupBy,key,name,licenses,consoles,coverage,daysWithData,"
                + "instancesLicensed,instancesPeakUsed,instancesUsedAtEnd,instancesPeakTotal,vmsLicensed");
        assertThat(lines.get(1)).startsWith("2026-09,false,company,contoso,Contoso GmbH,3,sim-01 sim-02,0.9500,27,310,280,130,200,");
    }

    @Test
    void badParametersAreProblemsNamingThem() {
        given().get("/api/v1/usage/monthly").then().statusCode(400).body("errors[0].parameter", equalTo("month"));
        given().get("/api/v1/usage/monthly?month=2026-13").then().statusCode(400).body("errors[0].parameter", equalTo("month"));
        given().get("/api/v1/usage/monthly?month=2999-01").then().statusCode(400).body("errors[0].parameter", equalTo("month"));
        given().get("/api/v1/usage/monthly?month=2026-09&groupBy=site").then().statusCode(400)
                .body("errors[0].parameter", equalTo("groupBy"));
    }

    private void fresh(String console, String from, String until) {
        database.execute("insert into console_coverage (console, first_success, last_success, fresh_until) "
                + "values ($1, $2, $3 - interval '30 minutes', $3)", console, at(from), at(until));
    }

    private void current(String console, String id, String company, String from, int licensed, int used) {
        database.execute("insert into license_current (console, id, valid_from, company_name, total_instances, used_instances) "
                + "values ($1, $2, $3, $4, $5, $6)", console, id, at(from), company, licensed, used);
    }

    private void closed(String console, String id, String company, String from, String until, int licensed, int used) {
        database.execute("insert into license_history (console, id, valid_from, valid_to, company_name, total_instances, "
                + "used_instances) values ($1, $2, $3, $4, $5, $6, $7)", console, id, at(from), at(until),
                company, licensed, used);
    }

    private static OffsetDateTime at(String time) {
        return OffsetDateTime.parse(time);
    }

    private static Map<String, Object> group(JsonPath month, String key) {
        return month.getMap("groups.find { it.key == '" + key + "' }");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> instances(Map<String, Object> group) {
        return ((Map<String, Map<String, Object>>) group.get("counters")).get("instances");
    }

    /** The instances figures as JSON numbers (absent when null). */
    private static Map<String, Object> figures(String licensed, String peakUsed, String usedAtEnd, String peakTotal) {
        Map<String, Object> figures = new java.util.HashMap<>();
        put(figures, "licensed", licensed);
        put(figures, "peakUsed", peakUsed);
        put(figures, "usedAtEnd", usedAtEnd);
        put(figures, "peakTotal", peakTotal);
        return figures;
    }

    private static void put(Map<String, Object> figures, String name, String value) {
        if (value != null) {
            figures.put(name, Integer.valueOf(value));
        }
    }

    private static BigDecimal number(Object value) {
        return new BigDecimal(value.toString());
    }
}
