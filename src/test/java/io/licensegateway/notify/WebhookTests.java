package io.licensegateway.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.DefaultCredentials;
import io.licensegateway.support.InjectWebhookReceiver;
import io.licensegateway.support.LogCapture;
import io.licensegateway.support.SimulatorTestBase;
import io.licensegateway.support.WebhookProfile;
import io.licensegateway.support.WebhookReceiver;
import io.licensegateway.support.WebhookReceiverResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * Webhooks end to end: refreshes of simulated consoles whose data the tests change, the application's sender, and a
 * real receiver that verifies every signature as a receiver would.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
class WebhookTests extends SimulatorTestBase {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String ALPHA = WebhookReceiverResource.ALPHA;
    private static final String BETA = WebhookReceiverResource.BETA;

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    @ConfigProperty(name = "gateway.notifications.webhooks.alpha.secret")
    String alphaSecret;

    @ConfigProperty(name = "gateway.notifications.webhooks.beta.secret")
    String betaSecret;

    private final LogCapture log = new LogCapture();

    @BeforeEach
    void freshReceiver() {
        receiver.reset();
        log.install();
    }

    @AfterEach
    void stopCapturing() {
        log.uninstall();
    }

    @AfterEach
    void everyRequestWasSignedCorrectly() {
        assertThat(receiver.requests()).allMatch(WebhookReceiver.Request::verified);
    }

    private static void refresh(String console) {
        given().queryParam("console", console).post("/api/v1/refresh").then().statusCode(200);
    }

    private void allDelivered() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                database.count("select count(*) from webhook_delivery where status <> 'DELIVERED'")).isZero());
    }

    /** Serves sim-01's licenses with license {@code index} expiring {@code days} from today (negative: expired). */
    private String expireIn(int index, int days) {
        List<JsonObject> licenses = servedCopies("sim-01");
        JsonObject license = licenses.get(index);
        license.put("licenseExpirationDate", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                LocalDate.now(ZoneOffset.UTC).plusDays(days).atTime(12, 0).atOffset(ZoneOffset.UTC)));
        simulator.console("sim-01").serve(licenses);
        return license.getString("id");
    }

    /** A license of sim-01 that expires more than 60 days from now, so no threshold is crossed yet. */
    private int farFromExpiry() {
        List<JsonObject> licenses = simulator.console("sim-01").licenses();
        for (int i = 0; i < licenses.size(); i++) {
            String date = licenses.get(i).getString("licenseExpirationDate");
            if (java.time.OffsetDateTime.parse(date).isAfter(java.time.OffsetDateTime.now().plusDays(60))) {
                return i;
            }
        }
        throw new IllegalStateException("sim-01 has no license far from expiry");
    }

    private List<JsonObject> delivered(String path, String type, String licenseId) {
        return receiver.delivered(path).stream().map(WebhookReceiver.Request::event)
                .filter(e -> e.getString("type").equals("io.licensegateway." + type))
                .filter(e -> licenseId == null || e.getString("subject").equals("licenses/" + licenseId)).toList();
    }

    @Test
    void anExpiryThresholdCrossedByARefreshRaisesExactlyOneEventPerLicenseAndThreshold() {
        int index = farFromExpiry();
        refresh("sim-01");
        allDelivered();
        String id = simulator.console("sim-01").licenses().get(index).getString("id");
        assertThat(delivered(ALPHA, "license.expiring", id)).isEmpty();

        expireIn(index, 20); // crosses 30 days
        refresh("sim-01");
        allDelivered();
        refresh("sim-01"); // unchanged: confirmed, nothing new
        refresh("sim-01");
        allDelivered();
        List<JsonObject> thirty = delivered(ALPHA, "license.expiring", id);
        assertThat(thirty).hasSize(1);
        JsonObject event = thirty.get(0);
        assertThat(event.getString("specversion")).isEqualTo("1.0");
        assertThat(event.getString("source")).isEqualTo("/license-gateway/consoles/sim-01");
        assertThat(event.getString("datacontenttype")).isEqualTo("application/json");
        assertThat(event.getJsonObject("data").getInteger("thresholdDays")).isEqualTo(30);
        assertThat(event.getJsonObject("data").getInteger("daysLeft")).isBetween(19, 20);
        assertThat(event.getJsonObject("data").getString("console")).isEqualTo("sim-01");
        assertThat(event.getJsonObject("data").getString("licenseId")).isEqualTo(id);
        // beta receives expiry events too: the same event, the same id
        assertThat(delivered(BETA, "license.expiring", id)).extracting(e -> e.getString("id"))
                .containsExactly(event.getString("id"));

        expireIn(index, 5); // crosses 7 days (not 1)
        refresh("sim-01");
        refresh("sim-01");
        allDelivered();
        assertThat(delivered(ALPHA, "license.expiring", id)).map(e -> e.getJsonObject("data").getInteger("thresholdDays"))
                .containsExactly(30, 7);

        expireIn(index, -1);
        refresh("sim-01");
        refresh("sim-01");
        allDelivered();
        assertThat(delivered(ALPHA, "license.expired", id)).hasSize(1);
        assertThat(delivered(ALPHA, "license.expiring", id)).hasSize(2);

        // over the whole run: no license and threshold twice, to either target, and each event delivered once
        for (String path : List.of(ALPHA, BETA)) {
            List<String> keys = receiver.delivered(path).stream().map(WebhookReceiver.Request::event)
                    .filter(e -> e.getString("type").startsWith("io.licensegateway.license.expir"))
                    .map(e -> e.getString("type") + " " + e.getString("subject") + " "
                            + e.getJsonObject("data").getInteger("thresholdDays") + " "
                            + e.getJsonObject("data").getString("licenseExpirationDate"))
                    .toList();
            assertThat(keys).doesNotHaveDuplicates();
            assertThat(receiver.delivered(path)).extracting(WebhookReceiver.Request::webhookId).doesNotHaveDuplicates();
        }
        assertThat(receiver.delivered(BETA)).map(WebhookReceiver.Request::event)
                .allMatch(e -> e.getString("type").startsWith("io.licensegateway.license.expir"));
        assertThat(database.count("select count(*) from webhook_delivery where target = 'alpha'"))
                .isEqualTo(receiver.delivered(ALPHA).size());
    }

    @Test
    void aReceiverThatHangsOrFailsGetsEveryEventOnceBackWithTheSameIdsAndDelaysNothingElse() {
        receiver.hang(ALPHA);
        long started = System.nanoTime();
        given().post("/api/v1/refresh").then().statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the refresh does not wait for receivers")
                .isLessThan(Duration.ofSeconds(5));
        // beta is delivered in full while alpha hangs
        await().atMost(WAIT).untilAsserted(() -> assertThat(database.count(
                "select count(*) from webhook_delivery where target = 'beta' and status <> 'DELIVERED'")).isZero());
        assertThat(database.count("select count(*) from webhook_delivery where target = 'beta'")).isPositive();
        await().atMost(WAIT).until(() -> database.count(
                "select count(*) from webhook_delivery where target = 'alpha' and attempts >= 2") > 0);

        receiver.answer(ALPHA, 503);
        await().atMost(WAIT).until(() -> database.count(
                "select count(*) from webhook_delivery where target = 'alpha' and last_status = 503") > 0);
        assertThat(database.count("select count(*) from webhook_delivery where target = 'alpha' and status = 'DELIVERED'"))
                .isZero();
        var pending = given().queryParam("status", "PENDING").queryParam("target", "alpha")
                .get("/api/v1/notifications").then().statusCode(200).extract().jsonPath();
        assertThat(pending.getList("data")).isNotEmpty();
        assertThat(pending.getList("data.lastError", String.class)).anyMatch(e -> e != null && e.contains("HTTP 503"));
        assertThat(pending.getLong("meta.counts.PENDING")).isPositive();

        receiver.answer(ALPHA, 204); // back
        allDelivered();
        Set<String> expected = Set.copyOf(database.strings(
                "select event_id::text from webhook_delivery where target = 'alpha'"));
        List<String> deliveredIds = receiver.delivered(ALPHA).stream().map(WebhookReceiver.Request::webhookId).toList();
        assertThat(deliveredIds).doesNotHaveDuplicates();
        assertThat(Set.copyOf(deliveredIds)).isEqualTo(expected);
        // the failed attempts carried the same ids as the deliveries that finally went through
        Set<String> failedIds = receiver.requests(ALPHA).stream().filter(r -> !r.delivered())
                .map(WebhookReceiver.Request::webhookId).collect(Collectors.toSet());
        assertThat(failedIds).isNotEmpty();
        assertThat(expected).containsAll(failedIds);
        // retried bodies are byte for byte the same event
        Map<String, Set<String>> bodies = receiver.requests(ALPHA).stream().collect(Collectors.groupingBy(
                WebhookReceiver.Request::webhookId, Collectors.mapping(WebhookReceiver.Request::body, Collectors.toSet())));
        assertThat(bodies.values()).allMatch(set -> set.size() == 1);
        assertThat(database.count("select count(*) from webhook_delivery where attempts > 1 and target = 'alpha'"))
                .isPositive();
    }

    @Test
    void aReceiverAnsweringAHugeBodyFailsTheDeliveryCleanlyAndIsReadOnlyUpToTheLimit() {
        long huge = 300L * 1024 * 1024;
        receiver.flood(ALPHA, huge);
        long floodedBefore = receiver.flooded();
        given().post("/api/v1/refresh").then().statusCode(200);

        await().atMost(WAIT).until(() -> database.count("select count(*) from webhook_delivery where target = 'alpha' "
                + "and last_error = 'HTTP 200, answer larger than 65536 bytes'") > 0);
        assertThat(database.count("select count(*) from webhook_delivery where target = 'alpha' and status = 'DELIVERED' "
                + "and last_error is not null")).isZero();
        // the sender stopped reading and closed the connection: the receiver produced a small part of its body
        // (what the connection buffers took), so no attempt ever held more than the limit
        assertThat(receiver.flooded() - floodedBefore).isLessThan(huge / 10);

        receiver.answer(ALPHA, 204); // back
        allDelivered();
    }

    @Test
    void aFailingConsoleRaisesFailingOnceAndRecoveredOnce() {
        refresh("sim-02");
        simulator.console("sim-02").failNext(1000, 503);
        refresh("sim-02");
        refresh("sim-02");
        allDelivered();
        List<JsonObject> failing = receiver.delivered(ALPHA).stream().map(WebhookReceiver.Request::event)
                .filter(e -> e.getString("type").equals("io.licensegateway.console.failing")).toList();
        assertThat(failing).hasSize(1);
        assertThat(failing.get(0).getString("subject")).isEqualTo("consoles/sim-02");
        // the retries of that one refresh may already open the breaker: its last attempt is then refused by it
        assertThat(failing.get(0).getJsonObject("data").getString("errorKind")).isIn("SERVER_ERROR", "CIRCUIT_OPEN");
        assertThat(failing.get(0).getJsonObject("data").getString("previousOutcome")).isEqualTo("UPDATED");

        simulator.console("sim-02").failNext(0, 503);
        await().atMost(WAIT).untilAsserted(() -> {
            refresh("sim-02");
            assertThat(database.strings("select last_outcome from console_state where console = 'sim-02'"))
                    .containsExactly("UNCHANGED");
        });
        refresh("sim-02");
        allDelivered();
        List<JsonObject> recovered = receiver.delivered(ALPHA).stream().map(WebhookReceiver.Request::event)
                .filter(e -> e.getString("type").equals("io.licensegateway.console.recovered")).toList();
        assertThat(recovered).hasSize(1);
        assertThat(recovered.get(0).getJsonObject("data").getString("outcome")).isEqualTo("UNCHANGED");
        assertThat(receiver.delivered(BETA)).noneMatch(r -> r.event().getString("type").contains("console"));
    }

    @Test
    void aLicenseThatStartsUsingMoreThanLicensedRaisesOneEvent() {
        refresh("sim-01");
        List<JsonObject> licenses = servedCopies("sim-01");
        JsonObject over = licenses.get(3);
        over.put("usedCloudconnectBackups", over.getInteger("licensedCloudconnectBackups") + 5);
        serveAndRefreshTwice("sim-01", licenses);

        List<JsonObject> overused = delivered(ALPHA, "license.overused", null);
        assertThat(overused).hasSize(1);
        assertThat(overused.get(0).getString("subject")).isEqualTo("licenses/" + over.getString("id"));
        assertThat(overused.get(0).getJsonObject("data").getJsonArray("overusedCounters").getList()).contains("backups");
    }

    @Test
    void aLicenseThatChangesStatusRaisesOneEvent() {
        refresh("sim-01");
        List<JsonObject> licenses = servedCopies("sim-01");
        JsonObject status = licenses.get(4);
        String previous = status.getString("status");
        status.put("status", "Valid".equals(previous) ? "Warning" : "Valid");
        serveAndRefreshTwice("sim-01", licenses);

        List<JsonObject> changed = delivered(ALPHA, "license.status-changed", null);
        assertThat(changed).hasSize(1);
        assertThat(changed.get(0).getJsonObject("data").getString("previousStatus")).isEqualTo(previous);
        assertThat(changed.get(0).getJsonObject("data").getString("status")).isEqualTo(status.getString("status"));
    }

    /** Copies of the licenses {@code console} serves, for a test to change and serve. */
    private List<JsonObject> servedCopies(String console) {
        return new ArrayList<>(simulator.console(console).licenses().stream().map(JsonObject::copy).toList());
    }

    /** Serves the changed licenses, refreshes twice (the second finds nothing new) and waits for the deliveries. */
    private void serveAndRefreshTwice(String console, List<JsonObject> licenses) {
        simulator.console(console).serve(licenses);
        refresh(console);
        refresh(console);
        allDelivered();
    }

    @Test
    void notificationsAreForAdminsAndNeitherTheyNorTheLogShowASecret() {
        receiver.answer(ALPHA, 500);
        given().post("/api/v1/refresh").then().statusCode(200);
        await().atMost(WAIT).until(() -> database.count(
                "select count(*) from webhook_delivery where target = 'alpha' and attempts >= 2") > 0);
        receiver.answer(ALPHA, 204);
        allDelivered();

        List<String> responses = new ArrayList<>();
        responses.add(given().get("/api/v1/notifications?limit=500").then().statusCode(200).extract().asString());
        responses.add(given().get("/api/v1/notifications?status=DELIVERED").then().statusCode(200).extract().asString());
        responses.add(given().get("/api/v1/consoles").asString());
        responses.add(given().get("/api/v1/notifications?target=nope").then().statusCode(400).extract().asString());
        responses.add(given().header("X-API-Key", DefaultCredentials.READER_KEY).get("/api/v1/notifications").then()
                .statusCode(403).extract().asString());
        var page = given().get("/api/v1/notifications?limit=1").then().statusCode(200).extract().jsonPath();
        assertThat(page.getString("data[0].event.specversion")).isEqualTo("1.0");
        assertThat(page.getList("meta.targets")).containsExactly("alpha", "beta");

        List<String> secrets = new ArrayList<>();
        for (String secret : List.of(alphaSecret, betaSecret)) {
            secrets.add(secret);
            String key = secret.substring("whsec_".length());
            secrets.add(key);
            secrets.add(new String(Base64.getDecoder().decode(key), java.nio.charset.StandardCharsets.ISO_8859_1));
        }
        String everything = log.text() + "\n" + String.join("\n", responses) + "\n"
                + String.join("\n", database.strings("select coalesce(last_error, '') || body from webhook_delivery"));
        assertThat(everything).contains("alpha").contains("specversion");
        for (String secret : secrets) {
            assertThat(everything).as("a webhook secret leaked").doesNotContain(secret);
        }
    }
}
