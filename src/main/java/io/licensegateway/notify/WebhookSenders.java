package io.licensegateway.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * This instance's {@link WebhookSender}, started with the application when targets are configured and
 * {@code gateway.notifications.sender.enabled}; also the housekeeping of the outbox: the pending count for
 * {@code gateway_webhook_pending} and the pruning of finished deliveries after {@code sender.keep}.
 */
@ApplicationScoped
public class WebhookSenders {

    private static final Duration HOUSEKEEPING = Duration.ofSeconds(15);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final Pool pool;
    private final Vertx vertx;
    private final Webhooks webhooks;
    private final NotificationsConfig config;
    private final MeterRegistry meters;
    private final AtomicLong pending = new AtomicLong();
    private volatile Instant lastPrune = Instant.EPOCH;
    private WebhookSender sender;
    private long housekeeping = -1;

    WebhookSenders(Pool pool, Vertx vertx, Webhooks webhooks, NotificationsConfig config, MeterRegistry meters) {
        this.pool = pool;
        this.vertx = vertx;
        this.webhooks = webhooks;
        this.config = config;
        this.meters = meters;
    }

    void start(@Observes StartupEvent event) {
        if (webhooks.targets().isEmpty()) {
            return;
        }
        Gauge.builder("gateway.webhook.pending", pending, AtomicLong::get)
                .description("Webhook deliveries neither delivered nor given up yet (all targets)").register(meters);
        housekeeping = vertx.setPeriodic(HOUSEKEEPING.toMillis(), id -> housekeep());
        housekeep();
        if (!config.sender().enabled()) {
            Log.info("Webhook sender disabled on this instance (gateway.notifications.sender.enabled=false); events "
                    + "are still written to the outbox");
            return;
        }
        sender = create("instance-" + UUID.randomUUID());
        sender.start();
    }

    /** A sender of this application's configuration, on its database and Vert.x, under its own instance name. */
    public WebhookSender create(String instance) {
        return new WebhookSender(pool, vertx, webhooks, config.sender(), instance, meters);
    }

    void stop(@Observes ShutdownEvent event) {
        if (housekeeping >= 0) {
            vertx.cancelTimer(housekeeping);
        }
        if (sender != null) {
            sender.close();
        }
    }

    private void housekeep() {
        pool.query("select count(*) from webhook_delivery where status = 'PENDING'").execute()
                .subscribe().with(rows -> pending.set(rows.iterator().next().getLong(0)),
                        failure -> Log.debugf("Could not count pending webhook deliveries: %s", failure.toString()));
        if (Instant.now().isAfter(lastPrune.plus(PRUNE_EVERY))) {
            lastPrune = Instant.now();
            pool.preparedQuery("delete from webhook_delivery where status <> 'PENDING' "
                    + "and finished_at < now() - $1 * interval '1 millisecond'")
                    .execute(Tuple.of(config.sender().keep().toMillis()))
                    .subscribe().with(rows -> {
                        if (rows.rowCount() > 0) {
                            Log.infof("Pruned %d finished webhook deliveries", rows.rowCount());
                        }
                    }, failure -> Log.debugf("Could not prune webhook deliveries: %s", failure.toString()));
        }
    }
}
