package io.licensegateway.company;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;

/**
 * One company across consoles: folding, two consoles spelling one company differently, and aliases that re-group the
 * current licenses and their history (the monthly usage reads the closed versions too).
 */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class CompanyTests extends SimulatorTestBase {

    @Inject
    ConfiguredAliases configured;

    private static final String TWO_CONSOLES = "console=sim-01,sim-02";
    /** A filter that keeps everything sends the summary down its aggregate path (SummaryPathsTests). */
    private static final String KEEPS_EVERYTHING = "expiresBefore=3000-01-01T00:00:00Z";

    @Test
    void foldsCaseAccentsPunctuationWhitespaceAndLegalForms() {
        Map<String, String> folded = new LinkedHashMap<>();
        for (String contoso : List.of("Contoso GmbH", "CONTOSO GMBH.", "contoso", "Contoso  G.m.b.H", " Contoso GmbH & Co. KG ",
                "Contoso AG", "Contoso Ltd", "Contoso Ltd.", "Contoso Limited", "Contoso LLC", "Contoso, L.L.C.",
                "Contoso Inc.", "CONTOSO, INC", "Contoso Incorporated", "Contoso Corp.", "Contoso S.A.", "Contoso SA",
                "Contoso B.V.", "Contoso BV", "Contoso N.V.", "Contoso Oy", "Contoso Oyj", "Contoso AB", "AB Contoso",
                "Contoso SARL", "Contoso S.à r.l.", "Contoso S.p.A.", "Contoso SpA", "Contoso S.r.l.", "Contoso Pty Ltd",
                "Contoso Pty. Ltd.", "Contoso plc", "Contoso AS", "Contoso ApS", "Contoso Sp. z o.o.", "Contoso KGaA",
                "Contoso SE", "Contoso S.A. de C.V.", "Contoso-GmbH", "contoso gmbh", "Contoso\tGmbH")) {
            folded.put(contoso, "contoso");
        }
        folded.put("Société Générale S.A.", "societe generale");
        folded.put("Smith & Sons Ltd", "smith and sons");
        folded.put("Smith and Sons Limited", "smith and sons");
        folded.put("Müller AG", "muller");
        folded.put("Mueller AG", "mueller");
        folded.put("Contoso Systems GmbH", "contoso systems");
        folded.put("The Boring Company", "boring");
        folded.put("GmbH", "gmbh");

        folded.forEach((name, key) -> assertThat(database.strings("select company_fold($1)", name)).as(name)
                .containsExactly(key));
        assertThat(database.strings("select company_fold($1)", " .,- ")).as("no letters or digits").containsExactly((String) null);
    }

    @Test
    void twoConsolesSpellingOneCompanyDifferentlyAreOneCompany() {
        serveFirst("sim-01", "Quuxcorp GmbH", 10);
        serveFirst("sim-02", "QUUXCORP GMBH.", 20);
        stored("sim-01");
        stored("sim-02");

        Map<String, Object> quuxcorp = company("quuxcorp");
        assertThat(quuxcorp).containsEntry("licenses", 2).containsEntry("name", "QUUXCORP GMBH.");
        assertThat(quuxcorp.get("consoles")).isEqualTo(List.of(Map.of("name", "sim-01", "licenses", 1),
                Map.of("name", "sim-02", "licenses", 1)));
        assertThat(quuxcorp.get("spellings")).isEqualTo(List.of(Map.of("name", "QUUXCORP GMBH.", "licenses", 1),
                Map.of("name", "Quuxcorp GmbH", "licenses", 1)));

        List<Map<String, Object>> fromRows = summary("groupBy=company&" + TWO_CONSOLES);
        assertThat(fromRows).isEqualTo(summary("groupBy=company&" + TWO_CONSOLES + "&" + KEEPS_EVERYTHING));
        assertThat(fromRows.stream().filter(g -> "quuxcorp".equals(g.get("key"))).toList()).singleElement()
                .satisfies(g -> assertThat(g).containsEntry("licenses", 2).containsEntry("name", "QUUXCORP GMBH."));

        // the key finds a spelling no substring of the other would; a substring still finds both
        assertThat(companiesOf("company=Quuxcorp GmbH.&" + TWO_CONSOLES)).containsOnly("Quuxcorp GmbH", "QUUXCORP GMBH.")
                .hasSize(2);
        assertThat(companiesOf("company=uxcorp gm&" + TWO_CONSOLES)).containsOnly("Quuxcorp GmbH", "QUUXCORP GMBH.")
                .hasSize(2);
    }

    @Test
    void aliasesRegroupCurrentLicensesAndTheirHistory() {
        serveFirst("sim-01", "Wobbleton Traders", 5);
        serveFirst("sim-02", "Plughat AG", 20);
        stored("sim-01");
        stored("sim-02");
        serveFirst("sim-01", "Wobbleton Traders", 7);
        stored("sim-01");
        assertThat(database.count("select count(*) from license_history where console = 'sim-01'")).isOne();
        String month = database.strings("select to_char(now() at time zone 'UTC', 'YYYY-MM')").get(0);

        assertThat(usageKeys(month)).contains("plughat", "wobbleton traders");

        given().contentType(ContentType.JSON).body(Map.of("spellings", List.of("Wobbleton Traders Ltd.", "WOBBLETON TRADERS")))
                .put("/api/v1/companies/aliases/Plughat GmbH").then().statusCode(200)
                .body("company", org.hamcrest.Matchers.equalTo("plughat"))
                .body("spellings", org.hamcrest.Matchers.equalTo(List.of("wobbleton traders")));

        assertThat(usageKeys(month)).contains("plughat").doesNotContain("wobbleton traders");
        Map<String, Object> plughat = usageGroup(month, "plughat");
        assertThat(plughat).containsEntry("licenses", 2).containsEntry("consoles", List.of("sim-01", "sim-02"));
        assertThat(company("plughat")).containsEntry("licenses", 2);
        assertThat(summary("groupBy=company&" + TWO_CONSOLES)).isEqualTo(
                summary("groupBy=company&" + TWO_CONSOLES + "&" + KEEPS_EVERYTHING));
        assertThat(companiesOf("company=plughat&" + TWO_CONSOLES)).containsOnly("Plughat AG", "Wobbleton Traders");
        given().get("/api/v1/companies/aliases").then().statusCode(200)
                .body("data", org.hamcrest.Matchers.equalTo(List.of(Map.of("company", "plughat",
                        "spellings", List.of("wobbleton traders")))));

        given().delete("/api/v1/companies/aliases/plughat").then().statusCode(200)
                .body("spellings", org.hamcrest.Matchers.equalTo(List.of("wobbleton traders")));
        assertThat(usageKeys(month)).contains("plughat", "wobbleton traders");
        given().delete("/api/v1/companies/aliases/plughat").then().statusCode(404);

        // every alias change is an admin action of the audit trail, with who made it and how it ended
        assertThat(database.strings("select concat_ws(' ', kind, outcome, principal, detail) from audit_event "
                + "where kind like '%-aliases' and detail like '%plughat%' order by id desc limit 2"))
                .containsExactly("remove-aliases refused api-key:test-admin DELETE /api/v1/companies/aliases/plughat -> 404",
                        "remove-aliases success api-key:test-admin DELETE /api/v1/companies/aliases/plughat -> 200");
        assertThat(database.strings("select outcome from audit_event where kind = 'replace-aliases' "
                + "and detail like 'PUT /api/v1/companies/aliases/Plughat GmbH -> %'")).contains("success");
    }

    @Test
    void aliasesStayOneStepDeepAndBelongToOneCompany() {
        put("fabrikam", "Northwind Traders").then().statusCode(200);

        put("contoso", "Northwind").then().statusCode(200);
        put("contoso", "Northwind Traders").then().statusCode(409);
        put("litware", "Fabrikam").then().statusCode(400).body("errors[0].parameter", org.hamcrest.Matchers.equalTo("spellings"));
        put("northwind traders", "Litware").then().statusCode(400).body("errors[0].parameter", org.hamcrest.Matchers.equalTo("company"));
        put("contoso", "...").then().statusCode(400);
        given().header("X-API-Key", DefaultCredentials.READER_KEY).contentType(ContentType.JSON)
                .body(Map.of("spellings", List.of("x"))).put("/api/v1/companies/aliases/contoso").then().statusCode(403);
    }

    @Test
    void configuredAliasesTakeTheirSpellingsFromOtherCompanies() throws Throwable {
        put("plughat", "Zorbix Intl").then().statusCode(200);

        VertxContextSupport.subscribeAndAwait(() -> configured.apply(Map.of("Zorbix Holdings AG", List.of("Zorbix Intl",
                "Zorbix International GmbH"))));

        given().get("/api/v1/companies/aliases").then().statusCode(200)
                .body("data", org.hamcrest.Matchers.equalTo(List.of(Map.of("company", "zorbix holdings",
                        "spellings", List.of("zorbix international", "zorbix intl")))));
    }

    @Test
    void everySuccessfulFetchExtendsItsConsolesFreshStretch() {
        stored("sim-03");
        stored("sim-03");

        assertThat(database.rows("select first_success, last_success, fresh_until from console_coverage where console = 'sim-03'"))
                .singleElement().satisfies(row -> {
                    assertThat(row.getOffsetDateTime(1)).isAfter(row.getOffsetDateTime(0));
                    // 2 × gateway.refresh.interval (15 minutes by default)
                    assertThat(row.getOffsetDateTime(2)).isEqualTo(row.getOffsetDateTime(1).plusMinutes(30));
                });
    }

    private io.restassured.response.Response put(String company, String spelling) {
        return given().contentType(ContentType.JSON).body(Map.of("spellings", List.of(spelling)))
                .put("/api/v1/companies/aliases/" + company);
    }

    /** The console's first license gets this company and used instances; the rest stay as generated. */
    private void serveFirst(String console, String company, int usedInstances) {
        List<JsonObject> licenses = new ArrayList<>(simulator.console(console).licenses());
        licenses.set(0, licenses.get(0).copy().put("companyName", company).put("totalInstances", 100)
                .put("usedInstances", usedInstances));
        simulator.console(console).serve(licenses);
    }

    /** Refreshes the console until its result is stored (a loaded machine can miss this profile's short deadlines). */
    private static void stored(String console) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Object outcome = given().queryParam("console", console).post("/api/v1/refresh").then().statusCode(200)
                    .extract().jsonPath().getString("consoles[0].outcome");
            if ("UPDATED".equals(outcome) || "UNCHANGED".equals(outcome)) {
                return;
            }
        }
        throw new AssertionError("console " + console + " was not stored in five refreshes");
    }

    private static Map<String, Object> company(String key) {
        return given().get("/api/v1/companies?" + TWO_CONSOLES).then().statusCode(200).extract().jsonPath()
                .getMap("data.find { it.key == '" + key + "' }");
    }

    private static List<Map<String, Object>> summary(String query) {
        return given().get("/api/v1/licenses/summary?" + query).then().statusCode(200).extract().jsonPath()
                .getList("groups");
    }

    private static List<String> companiesOf(String query) {
        return given().get("/api/v1/licenses?limit=1000&fields=companyName&" + query).then().statusCode(200).extract()
                .jsonPath().getList("data.companyName");
    }

    private static List<String> usageKeys(String month) {
        return given().get("/api/v1/usage/monthly?groupBy=company&month=" + month + "&" + TWO_CONSOLES).then()
                .statusCode(200).extract().jsonPath().getList("groups.key");
    }

    private static Map<String, Object> usageGroup(String month, String key) {
        return given().get("/api/v1/usage/monthly?groupBy=company&month=" + month + "&" + TWO_CONSOLES).then()
                .statusCode(200).extract().jsonPath().getMap("groups.find { it.key == '" + key + "' }");
    }
}
