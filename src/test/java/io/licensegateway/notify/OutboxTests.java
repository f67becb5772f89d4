package io.licensegateway.notify;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.licensegateway.support.InjectWebhookReceiver;
import io.licensegateway.support.SimulatorTestBase;
import io.licensegateway.support.WebhookProfile;
import io.licensegateway.support.WebhookReceiver;
import io.licensegateway.support.WebhookReceiverResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * The outbox without the application's own sender ({@code gateway.notifications.sender.enabled=false}): refreshes
 * commit their events and nothing sends them, as if the gateway had died right after the commit. The tests then start
 * senders of their own on the same database — what a restarted gateway, or other replicas, run. They are real senders
 * (same code, same claim, real HTTP) in this JVM; a killed process is simulated by a sender that never ran, and by
 * leases left behind by an instance that never answers.
 */
@QuarkusTest
@TestProfile(WebhookProfile.SenderOff.class)
class OutboxTests extends SimulatorTestBase {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectWebhookReceiver
    WebhookReceiver receiver;

    @Inject
    WebhookSenders senders;

    @BeforeEach
    void freshReceiver() {
        receiver.reset();
    }

    private long pending() {
        return database.count("select count(*) from webhook_delivery where status = 'PENDING'");
    }

    @Test
    void eventsCommittedBeforeTheGatewayDiedAreDeliveredAfterItsRestart() throws InterruptedException {
        given().post("/api/v1/refresh").then().statusCode(200);
        long rows = database.count("select count(*) from webhook_delivery");
        assertThat(rows).as("the refresh committed events").isGreaterThan(4);
        // the events were committed with the snapshots, by the same transactions
        assertThat(database.count("""
                select count(*) from webhook_delivery d where d.subject like 'licenses/%'
                and not exists (select 1 from license_current c where c.console = d.console
                                and 'licenses/' || c.id = d.subject)""")).isZero();
        Thread.sleep(500);
        assertThat(receiver.requests()).as("nobody sends").isEmpty();
        assertThat(pending()).isEqualTo(rows);
        // an instance died while delivering two of them: their leases are held by nobody alive
        database.execute("""
                update webhook_delivery set leased_by = 'dead-instance', leased_until = now() + interval '2 seconds',
                    attempts = 1 where id in (select id from webhook_delivery order by id limit 2)""");

        WebhookSender restarted = senders.create("restarted");
        long start = System.nanoTime();
        restarted.start();
        try {
            await().atMost(WAIT).until(() -> pending() == 0);
        } finally {
            restarted.close();
        }

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the dead instance's leases ran out first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        assertThat(database.count("select count(*) from webhook_delivery where status = 'DELIVERED'")).isEqualTo(rows);
        for (String path : List.of(WebhookReceiverResource.ALPHA, WebhookReceiverResource.BETA)) {
            String target = path.substring(1);
            assertThat(receiver.delivered(path)).extracting(WebhookReceiver.Request::webhookId)
                    .doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(database.strings(
                            "select event_id::text from webhook_delivery where target = $1", target));
        }
        assertThat(receiver.requests()).allMatch(WebhookReceiver.Request::verified);
    }

    @Test
    void aDeliveryOlderThanMaxAgeThatFailsAgainIsGivenUpAndRecorded() {
        given().queryParam("console", "sim-01").post("/api/v1/refresh").then().statusCode(200);
        long rows = database.count("select count(*) from webhook_delivery");
        assertThat(rows).isPositive();
        // events older than max-age (24 h by default) that were never delivered; the receiver refuses them
        database.execute("update webhook_delivery set created_at = now() - interval '25 hours'");
        receiver.answer(WebhookReceiverResource.ALPHA, 500);
        receiver.answer(WebhookReceiverResource.BETA, 500);

        WebhookSender sender = senders.create("late");
        sender.start();
        try {
            await().atMost(WAIT).until(() -> pending() == 0);
        } finally {
            sender.close();
        }

        assertThat(database.count("select count(*) from webhook_delivery where status = 'FAILED' and attempts = 1 "
                + "and last_status = 500 and last_error = 'HTTP 500' and finished_at is not null")).isEqualTo(rows);
        var failed = given().queryParam("status", "FAILED").queryParam("limit", 500).get("/api/v1/notifications")
                .then().statusCode(200).extract().jsonPath();
        assertThat(failed.getList("data")).hasSize((int) rows);
        assertThat(failed.getList("data.lastError", String.class)).containsOnly("HTTP 500");
        assertThat(failed.getLong("meta.counts.FAILED")).isEqualTo(rows);
        assertThat(receiver.requests()).hasSize((int) rows).allMatch(WebhookReceiver.Request::verified);
    }

    @Test
    void twoSendersOnOneDatabaseNeverBothDeliverTheSameEvent() {
        given().post("/api/v1/refresh").then().statusCode(200);
        // more consoles' worth of events: refresh again with other data
        simulator.consoles().forEach(c -> c.reseed(99));
        given().post("/api/v1/refresh").then().statusCode(200);
        long rows = database.count("select count(*) from webhook_delivery");
        assertThat(rows).isGreaterThan(10);

        WebhookSender one = senders.create("replica-1");
        WebhookSender two = senders.create("replica-2");
        one.start();
        two.start();
        try {
            await().atMost(WAIT).until(() -> pending() == 0);
        } finally {
            one.close();
            two.close();
        }

        Map<String, Long> perDelivery = receiver.requests().stream().collect(Collectors.groupingBy(
                r -> r.path() + " " + r.webhookId(), Collectors.counting()));
        assertThat(perDelivery).hasSize((int) rows);
        assertThat(perDelivery.values()).as("every (target, event) was sent exactly once").allMatch(n -> n == 1);
        assertThat(database.count("select count(*) from webhook_delivery where attempts <> 1")).isZero();
        assertThat(receiver.requests()).allMatch(WebhookReceiver.Request::verified);
    }
}
