package io.licensegateway.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.SimulatedConsolesProfile;
import io.licensegateway.support.SimulatorTestBase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/** What the audit trail records, how {@code GET /api/v1/audit} reads it, and how long it is kept. */
@QuarkusTest
@TestProfile(SimulatedConsolesProfile.class)
@DefaultCredentials.None
class AuditTrailTests extends SimulatorTestBase {

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    AuditRetention retention;

    @BeforeEach
    void emptyTrail() throws InterruptedException {
        // refusals of earlier test classes may still be counted in memory: they are folded within a fold interval
        // (1 s), after which the trail is emptied for this test's own
        Thread.sleep(2500);
        database.execute("delete from audit_event");
    }

    private static RequestSpecification admin() {
        return given().header("X-API-Key", DefaultCredentials.ADMIN_KEY);
    }

    private static JsonPath audit(String query) {
        return admin().get("/api/v1/audit" + query).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void failedAuthenticationsAreRecordedWithAddressKindAndAccountButNoSecret() {
        given().header("X-API-Key", "not-a-key").get("/api/v1/licenses").then().statusCode(401);
        given().auth().oauth2("forged.token").get("/api/v1/licenses").then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "vac-client").formParam("password", "not-the-password").post("/token").then()
                .statusCode(400);
        given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "refresh_token")
                .formParam("refresh_token", "forged.refresh").post("/token").then().statusCode(400);

        // refusals are stored aggregated; an aggregate written less than a fold interval ago is brought up to date
        // with the next fold
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonPath events = audit("?kind=authentication");
            assertThat(events.getList("data.credential")).containsExactlyInAnyOrder("refresh-token", "password",
                    "vac-token", "api-key");
            assertThat(events.getList("data.outcome")).containsOnly("failure");
            assertThat(events.getList("data.address")).containsOnly("127.0.0.1");
            assertThat(events.getList("data.count", Integer.class)).containsOnly(1);
            assertThat(events.getList("data.principal")).containsExactlyInAnyOrder(null, "vac:vac-client", null, null);
            assertThat(events.getList("data.detail")).containsExactlyInAnyOrder("POST /token", "POST /token",
                    "GET /api/v1/licenses", "GET /api/v1/licenses");
            assertThat(events.prettify()).doesNotContain("not-a-key", "forged", "not-the-password");
        });
    }

    @Test
    void adminActionsAreRecordedWithTheirCallerAndRunsSayWhoAskedForThem() {
        long run = admin().queryParam("console", "sim-01").post("/api/v1/refresh").then().statusCode(200)
                .body("requestedBy", equalTo("api-key:test-admin")).extract().jsonPath().getLong("id");
        given().header("X-API-Key", DefaultCredentials.READER_KEY).post("/api/v1/refresh").then().statusCode(403);
        admin().queryParam("console", "nope").post("/api/v1/refresh").then().statusCode(400);

        admin().get("/api/v1/runs").then().statusCode(200).body("data[0].id", equalTo((int) run))
                .body("data[0].requestedBy", equalTo("api-key:test-admin"));
        admin().get("/api/v1/runs/" + run).then().statusCode(200).body("requestedBy", equalTo("api-key:test-admin"));

        JsonPath events = audit("?kind=refresh");
        assertThat(events.getList("data.outcome")).containsExactly("refused", "denied", "success");
        assertThat(events.getList("data.principal")).containsExactly("api-key:test-admin", "api-key:test-reader",
                "api-key:test-admin");
        assertThat(events.getList("data.detail")).containsExactly("POST /api/v1/refresh?console=nope -> 400",
                "POST /api/v1/refresh -> 403", "POST /api/v1/refresh?console=sim-01 -> 200");
        // reading the trail is an admin action too
        assertThat(audit("?kind=read-audit").getList("data.principal")).contains("api-key:test-admin");
    }

    @Test
    void scheduledRunsHaveNoRequester() {
        database.execute("insert into fetch_run (trigger, started_at) values ('SCHEDULED', now())");
        admin().get("/api/v1/runs?limit=1").then().statusCode(200).body("data[0].trigger", equalTo("SCHEDULED"))
                .body("data[0].requestedBy", nullValue());
    }

    @Test
    void onlyAdminsReadTheTrail() {
        given().header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        given().header("X-API-Key", "").get("/api/v1/audit").then().statusCode(401);
    }

    @Test
    void pagesByKeysetAndFiltersByKindOutcomeAndTime() {
        // five different requests, so five rows (equal refusals share one)
        for (String path : List.of("consoles", "licenses", "runs", "changes", "companies")) {
            given().header("X-API-Key", "wrong-" + path).get("/api/v1/" + path).then().statusCode(401);
        }
        database.execute("insert into audit_event (at, kind, outcome, principal, detail) values "
                + "(now() - interval '2 days', 'refresh', 'success', 'api-key:old', 'POST /api/v1/refresh -> 200')");
        // an equal refusal written by an earlier test less than a fold interval ago is stored with the next fold
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                audit("?kind=authentication&outcome=failure&limit=10").getList("data")).hasSize(5));

        JsonPath first = audit("?kind=authentication&outcome=failure&limit=2");
        assertThat(first.getList("data")).hasSize(2);
        long next = first.getLong("meta.nextBefore");
        JsonPath second = audit("?kind=authentication&outcome=failure&limit=2&before=" + next);
        JsonPath third = audit("?kind=authentication&outcome=failure&limit=2&before=" + second.getLong("meta.nextBefore"));
        assertThat(third.getList("data")).hasSize(1);
        assertThat(third.getString("meta.nextBefore")).isNull();
        List<Integer> ids = new java.util.ArrayList<>(first.getList("data.id"));
        ids.addAll(second.getList("data.id"));
        ids.addAll(third.getList("data.id"));
        assertThat(ids).hasSize(5).doesNotHaveDuplicates().isSortedAccordingTo(java.util.Comparator.reverseOrder());

        admin().get("/api/v1/audit?kind=refresh").then().statusCode(200).body("data.principal", hasSize(1));
        admin().get("/api/v1/audit?kind=refresh&since=" + java.time.LocalDate.now(java.time.ZoneOffset.UTC))
                .then().statusCode(200).body("data", hasSize(0));
        admin().get("/api/v1/audit?outcome=failure").then().statusCode(200).body("data.kind", everyItem(equalTo("authentication")));

        for (String bad : List.of("kind=login", "outcome=maybe", "since=yesterday", "before=0", "limit=501", "user=x")) {
            admin().get("/api/v1/audit?" + bad).then().statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void eventsOlderThanTheRetentionArePrunedInBatches() {
        database.execute("""
                insert into audit_event (at, kind, outcome, detail)
                select now() - interval '91 days' - g * interval '1 second', 'refresh', 'success', 'old'
                from generate_series(1, 2500) g""");
        database.execute("insert into audit_event (at, kind, outcome, detail) values (now() - interval '89 days', "
                + "'refresh', 'success', 'recent')");
        database.execute("insert into auth_throttle (key, failures, window_started_at) values "
                + "('address:192.0.2.200', 3, now() - interval '1 hour') on conflict (key) do update set "
                + "window_started_at = excluded.window_started_at");

        // 2,500 old events take three batches of the default 1,000 in one prune
        retention.prune().await().atMost(Duration.ofSeconds(30));

        assertThat(database.strings("select detail from audit_event")).containsExactly("recent");
        assertThat(database.count("select count(*) from auth_throttle where key = 'address:192.0.2.200'")).isZero();
    }

    @Test
    void everyEventIsCountedByKindAndOutcome() {
        double before = counter("authentication", "failure");
        given().header("X-API-Key", "wrong").get("/api/v1/consoles").then().statusCode(401);
        given().header("X-API-Key", "wrong").get("/api/v1/consoles").then().statusCode(401);

        assertThat(counter("authentication", "failure")).isEqualTo(before + 2);
        String text = given().get(management.toString().replaceAll("/+$", "") + "/metrics").then().statusCode(200)
                .extract().asString();
        for (String line : text.lines().filter(l -> l.startsWith("gateway_audit_events_total{")).toList()) {
            Matcher labels = Pattern.compile("(\\w+)=\"").matcher(line);
            List<String> names = labels.results().map(m -> m.group(1)).sorted().toList();
            assertThat(names).as(line).containsExactly("kind", "outcome");
        }
    }

    private double counter(String kind, String outcome) {
        String text = given().get(management.toString().replaceAll("/+$", "") + "/metrics").then().statusCode(200)
                .extract().asString();
        Map<String, String> wanted = Map.of("kind", kind, "outcome", outcome);
        return text.lines().filter(l -> l.startsWith("gateway_audit_events_total{"))
                .filter(l -> wanted.entrySet().stream().allMatch(e -> l.contains(e.getKey() + "=\"" + e.getValue() + "\"")))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
