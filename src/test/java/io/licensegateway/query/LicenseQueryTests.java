package io.licensegateway.query;

import static io.licensegateway.support.LicenseFixtures.license;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.upstream.UpstreamLicense;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** The merged query API over a small fixed dataset stored as three consoles' current snapshots. */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
class LicenseQueryTests extends FixedDataset {

    static final UpstreamLicense A1 = license("a1", "Acme, Inc.", "Acme \"Cloud\" AG", "Valid", "Enterprise Plus",
            "Rental", 10, 5, new int[] { 0, 0, 100, 50, 10, 5, 0, 0, 20, 10 }, "130", "65.5");
    static final UpstreamLicense A2 = license("a2", "Globex", "Globex Ltd", "Warning", "Standard", "Subscription",
            45, null, new int[] { 0, 0, 200, 200, 0, 0, 10, 1, 0, 0 }, "210", "201");
    static final UpstreamLicense B1 = license("b1", "Ünïcode GmbH", null, "Valid", "Enterprise", "Rental", -3, -30,
            new int[] { 0, 0, 50, 0, 50, 25, 0, 0, 0, 0 }, "100", "25");
    static final UpstreamLicense B2 = license("b2", "Initech\nSecond line", "Initech", "Error", "Enterprise Plus",
            "Perpetual", 80, 200, new int[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, null, null);
    static final UpstreamLicense C1 = license("c1", "100%_Match", "x", "Valid", "Standard", "NFR", null, null,
            new int[] { 5, 2, 10, 10, 0, 0, 0, 0, 0, 0 }, "10", "10");
    static final UpstreamLicense C2 = license("c2", "acme corp", "Acme Corp", "Valid", "Enterprise", "Rental", 200, 100,
            new int[] { 0, 0, 300, 150, 0, 0, 0, 0, 40, 40 }, "340", "190");

    static final Map<String, List<UpstreamLicense>> DATA = Map.of("sim-01", List.of(A1, A2), "sim-02", List.of(B1, B2),
            "sim-03", List.of(C1, C2));


    static List<String> ids(String query) {
        return given().get("/api/v1/licenses?limit=1000&" + query).then().statusCode(200).extract().jsonPath()
                .getList("data.id");
    }

    @Test
    void servesEveryConsolesCurrentSnapshotWithFreshness() {
        given().get("/api/v1/licenses").then().statusCode(200)
                .body("meta.total", equalTo(6))
                .body("meta.limit", equalTo(100))
                .body("meta.offset", equalTo(0))
                .body("data.id", equalTo(List.of("a1", "a2", "b1", "b2", "c1", "c2")))
                .body("data[0].console", equalTo("sim-01"))
                .body("data[0].asOf", notNullValue())
                .body("meta.consoles.find { it.name == 'sim-01' }.state", equalTo("OK"))
                .body("meta.consoles.find { it.name == 'sim-04' }.state", equalTo("NEVER_FETCHED"));
    }

    @Test
    void filtersByEachParameter() {
        assertThat(ids("console=sim-02&console=SIM-03")).containsExactly("b1", "b2", "c1", "c2");
        assertThat(ids("status=valid")).containsExactly("a1", "b1", "c1", "c2");
        assertThat(ids("status=Warning,error")).containsExactly("a2", "b2");
        assertThat(ids("edition=EnterprisePlus")).containsExactly("a1", "b2");
        assertThat(ids("edition=enterprise plus&status=Valid")).containsExactly("a1");
        assertThat(ids("licenseType=rental")).containsExactly("a1", "b1", "c2");
        assertThat(ids("company=ACME")).containsExactly("a1", "c2");
        assertThat(ids("company=0%_m")).containsExactly("c1");
        assertThat(ids("company=%")).containsExactly("c1");
        assertThat(ids("licensedTo=cloud")).containsExactly("a1");
        assertThat(ids("q=vcc-b2")).containsExactly("b2");
        assertThat(ids("q=owner@a2")).containsExactly("a2");
        assertThat(ids("q=ünï")).containsExactly("b1");
        assertThat(ids("expiresBefore=" + OffsetDateTime.now().plusDays(30).toLocalDate())).containsExactly("a1", "b1");
        assertThat(ids("expiresAfter=" + OffsetDateTime.now().plusDays(60))).containsExactly("b2", "c2");
        assertThat(ids("supportExpiresBefore=" + OffsetDateTime.now().plusDays(6).toLocalDate())).containsExactly("a1", "b1");
        assertThat(ids("status=Valid&licenseType=Rental&expiresAfter=" + OffsetDateTime.now().toLocalDate()))
                .containsExactly("a1", "c2");
    }

    static Stream<Arguments> sortableFields() {
        return Stream.of(LicenseField.values()).filter(f -> f != LicenseField.AS_OF && f != LicenseField.SNAPSHOT_ID)
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("sortableFields")
    void sortsByEveryFieldBothWaysWithNullsLastAndAUniqueTieBreaker(LicenseField field) {
        for (boolean descending : new boolean[] { false, true }) {
            Comparator<Object> values = Comparator.comparing(v -> (Comparable) v);
            Comparator<Map<String, Object>> order = Comparator.comparing(m -> m.get(field.apiName()),
                    Comparator.nullsLast(descending ? values.reversed() : values));
            List<Map<String, Object>> expected = new ArrayList<>(fixtureRows());
            expected.sort(order.thenComparing(m -> (String) m.get("console")).thenComparing(m -> (String) m.get("id")));

            assertThat(ids("sort=" + (descending ? "-" : "") + field.apiName()))
                    .as("sort by %s%s", descending ? "-" : "", field.apiName())
                    .containsExactlyElementsOf(expected.stream().map(m -> (String) m.get("id")).toList());
        }
    }

    @Test
    void sortsBySeveralKeys() {
        // byte order: 'Ü' > 'a' > 'A' > '1'
        assertThat(ids("sort=status,-companyName")).containsExactly("b2", "b1", "c2", "a1", "c1", "a2");
    }

    @Test
    void pagesWithOffset() {
        List<String> all = ids("sort=-licenseExpirationDate");
        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 6; offset += 4) {
            paged.addAll(given().get("/api/v1/licenses?sort=-licenseExpirationDate&limit=4&offset=" + offset).then()
                    .statusCode(200).body("meta.total", equalTo(6)).extract().jsonPath().getList("data.id"));
        }
        assertThat(paged).containsExactlyElementsOf(all);
    }

    @Test
    void cursorPagingNeitherSkipsNorRepeatsWhenARefreshLandsInBetween() {
        List<String> before = ids("sort=-licenseExpirationDate&status=Valid,Warning,Error");
        JsonPath first = given().get("/api/v1/licenses?sort=-licenseExpirationDate&status=Valid,Warning,Error&limit=2")
                .then().statusCode(200).extract().jsonPath();
        List<String> seen = new ArrayList<>(first.getList("data.id"));
        String cursor = first.getString("meta.nextCursor");

        // sim-01 gets new content: a license that would sort first, and a2 disappears
        UpstreamLicense newest = license("a0", "Newcomer", "N", "Valid", "Standard", "Rental", 999, null,
                new int[10], "1", "1");
        snapshots.store("sim-01", List.of(newest, A1));

        while (cursor != null) {
            JsonPath page = given().queryParam("cursor", cursor)
                    .get("/api/v1/licenses?sort=-licenseExpirationDate&status=Valid,Warning,Error&limit=2")
                    .then().statusCode(200).body("meta.total", equalTo(6)).body("meta.offset", equalTo(null))
                    .extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getString("meta.nextCursor");
        }

        assertThat(seen).containsExactlyElementsOf(before);
        assertThat(ids("sort=-licenseExpirationDate")).startsWith("a0").doesNotContain("a2");
    }

    @Test
    void rejectsAlteredOrForeignCursors() {
        String cursor = given().get("/api/v1/licenses?limit=2").then().extract().jsonPath().getString("meta.nextCursor");
        String altered = cursor.substring(0, 10) + (cursor.charAt(10) == 'A' ? 'B' : 'A') + cursor.substring(11);

        given().queryParam("cursor", altered).get("/api/v1/licenses?limit=2").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].parameter", equalTo("cursor"));
        given().queryParam("cursor", "garbage").get("/api/v1/licenses?limit=2").then().statusCode(400);
        given().queryParam("cursor", cursor).get("/api/v1/licenses?limit=2&status=Valid").then().statusCode(400)
                .body("detail", containsString("other filters"));
        given().queryParam("cursor", cursor).get("/api/v1/licenses?limit=2&offset=2").then().statusCode(400)
                .body("errors[0].parameter", equalTo("offset"));
    }

    @Test
    void selectsSparseFields() {
        given().get("/api/v1/licenses?fields=companyName,status&limit=1").then().statusCode(200)
                .body("data[0].keySet()", equalTo(java.util.Set.of("console", "id", "companyName", "status")));
    }

    @Test
    void servesOneLicenseOr404() {
        given().get("/api/v1/licenses/sim-02/b1").then().statusCode(200).body("companyName", equalTo("Ünïcode GmbH"))
                .body("usedInstances", equalTo(25));
        given().pathParam("id", "z\u0000z").get("/api/v1/licenses/sim-02/{id}").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/api/v1/licenses/sim-02/zz").then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("detail", containsString("zz"));
    }

    @Test
    void answers304WhileTheSnapshotsAndQueryAreTheSame() {
        Response first = given().get("/api/v1/licenses?status=Valid");
        String etag = first.getHeader("ETag");
        assertThat(etag).startsWith("W/\"");
        assertThat(given().get("/api/v1/licenses?status=valid").getHeader("ETag")).isEqualTo(etag);
        assertThat(given().get("/api/v1/licenses?status=Warning").getHeader("ETag")).isNotEqualTo(etag);

        given().header("If-None-Match", etag).get("/api/v1/licenses?status=Valid").then().statusCode(304);

        snapshots.store("sim-03", List.of(C1));
        given().header("If-None-Match", etag).get("/api/v1/licenses?status=Valid").then().statusCode(200)
                .body("meta.total", equalTo(3));
    }

    @Test
    void streamsTheSelectionAsCsvWithQuoting() {
        String csv = given().accept("text/csv").get("/api/v1/licenses?fields=companyName,licensedTo&sort=id")
                .then().statusCode(200).contentType("text/csv").extract().asString();

        assertThat(csv).isEqualTo("console,id,companyName,licensedTo\r\n"
                + "sim-01,a1,\"Acme, Inc.\",\"Acme \"\"Cloud\"\" AG\"\r\n"
                + "sim-01,a2,Globex,Globex Ltd\r\n"
                + "sim-02,b1,Ünïcode GmbH,\r\n"
                + "sim-02,b2,\"Initech\nSecond line\",Initech\r\n"
                + "sim-03,c1,100%_Match,x\r\n"
                + "sim-03,c2,acme corp,Acme Corp\r\n");
        assertThat(given().get("/api/v1/licenses?format=csv&status=Error&fields=status").asString())
                .isEqualTo("console,id,status\r\nsim-02,b2,Error\r\n");
        given().accept("text/csv").get("/api/v1/licenses?format=json&status=Error").then().statusCode(200)
                .contentType("application/json").body("data[0].id", equalTo("b2"));
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("limit=0", "limit", "from 1 to 1000"),
                Arguments.of("limit=1001", "limit", "from 1 to 1000"),
                Arguments.of("limit=ten", "limit", "whole number"),
                Arguments.of("offset=-1", "offset", "whole number"),
                Arguments.of("sort=price", "sort", "is not a field"),
                Arguments.of("sort=status,status", "sort", "twice"),
                Arguments.of("expiresBefore=31.12.2026", "expiresBefore", "not a date"),
                Arguments.of("fields=companyName,secret", "fields", "'secret' is not a field"),
                Arguments.of("colour=blue", "colour", "unknown parameter"),
                Arguments.of("format=xml", "format", "not one of"),
                Arguments.of("limit=1&limit=2", "limit", "give it once"),
                Arguments.of("sort=-asOf", "sort", "changes with every refresh"));
    }

    @ParameterizedTest
    @MethodSource("badParameters")
    void answersBadParametersWithProblemDetails(String query, String parameter, String message) {
        given().get("/api/v1/licenses?" + query).then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:license-gateway:problem:bad-parameter"))
                .body("title", equalTo("Bad parameter"))
                .body("status", equalTo(400))
                .body("instance", equalTo("/api/v1/licenses"))
                .body("detail", containsString(message))
                .body("errors.parameter", hasItem(parameter));
    }

    @Test
    void refusesANulCharacterBeforeItReachesTheDatabase() {
        given().queryParam("q", "a\u0000b").get("/api/v1/licenses").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].parameter", equalTo("q"))
                .body("detail", containsString("NUL"));
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        given().get("/api/v1/nothing").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/licenses").then().statusCode(405).contentType("application/problem+json");
    }

    private static List<Map<String, Object>> fixtureRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        DATA.forEach((console, licenses) -> licenses.forEach(l -> rows.add(asMap(console, l))));
        return rows;
    }

    /** The fixture as the API would serve it, for computing expected orders. */
    private static Map<String, Object> asMap(String console, UpstreamLicense l) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("console", console);
        m.put("id", l.id());
        m.put("companyName", l.companyName());
        m.put("licensedTo", l.licensedTo());
        m.put("contactPerson", l.contactPerson());
        m.put("licenseAdministratorEmail", l.licenseAdministratorEmail());
        m.put("licenseeEmail", l.licenseeEmail());
        m.put("edition", l.edition());
        m.put("licenseType", l.licenseType());
        m.put("status", l.status());
        m.put("supportId", l.supportId());
        m.put("monitoring", l.monitoring());
        m.put("licenseExpirationDate", l.licenseExpirationDate());
        m.put("supportExpirationDate", l.supportExpirationDate());
        m.put("backupServerName", l.backupServerName());
        m.put("licensedVMs", l.licensedVms());
        m.put("usedVMs", l.usedVms());
        m.put("newVMs", l.newVms());
        m.put("licensedCloudconnectBackups", l.licensedCloudconnectBackups());
        m.put("usedCloudconnectBackups", l.usedCloudconnectBackups());
        m.put("licensedCloudconnectReplicas", l.licensedCloudconnectReplicas());
        m.put("usedCloudconnectReplicas", l.usedCloudconnectReplicas());
        m.put("licensedCloudconnectServers", l.licensedCloudconnectServers());
        m.put("usedCloudconnectServers", l.usedCloudconnectServers());
        m.put("licensedCloudconnectWorkstations", l.licensedCloudconnectWorkstations());
        m.put("usedCloudconnectWorkstations", l.usedCloudconnectWorkstations());
        m.put("totalInstances", l.totalInstances());
        m.put("usedInstances", l.usedInstances());
        return m;
    }

    @Test
    void fixtureCoversEveryField() {
        assertThat(asMap("x", A1).keySet()).containsAll(sortableFields().map(a -> ((LicenseField) a.get()[0]).apiName())
                .toList());
        assertThat(A1.usedInstances()).isEqualByComparingTo(new BigDecimal("65.5"));
    }
}
