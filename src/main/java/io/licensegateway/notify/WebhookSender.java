package io.licensegateway.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.core.http.HttpClient;
import io.vertx.mutiny.core.http.HttpClientResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Delivers the outbox ({@code webhook_delivery}) at least once. Every poll it claims, per target, as many due rows as
 * that target has free slots ({@code max-in-flight}), with {@code FOR UPDATE SKIP LOCKED} and a lease in the same
 * statement: however many instances poll, a row is claimed by one of them, and a lease whose holder died (a crash
 * between claim and answer) runs out and the row is due again. Each claimed row is one POST with its own deadline;
 * a target that hangs or fails only fills its own slots, never another target's, and never touches a refresh
 * (refreshes only insert rows). A failed attempt is retried with exponential backoff and jitter until the event is
 * {@code max-age} old, then the row is marked FAILED. The {@code webhook-id} is the event id on every attempt.
 *
 * <p>Not a CDI bean: {@link WebhookSenders} runs one per instance, and tests run several against one database.
 */
public class WebhookSender {

    private static final String CLAIM = """
            update webhook_delivery d set leased_by = $2, leased_until = now() + $3 * interval '1 millisecond',
                attempts = d.attempts + 1, last_attempt_at = now()
            from (select id from webhook_delivery
                  where target = $1 and status = 'PENDING' and next_attempt_at <= now()
                    and (leased_until is null or leased_until < now())
                  order by next_attempt_at, id limit $4
                  for update skip locked) due
            where d.id = due.id
            returning d.id, d.event_id, d.body, d.attempts""";

    private static final String RECORD = """
            update webhook_delivery set last_status = $3, last_error = $4, leased_by = null, leased_until = null,
                status = case when $2 then 'DELIVERED'
                              when created_at + $5 * interval '1 millisecond' < now() then 'FAILED' else 'PENDING' end,
                finished_at = case when $2 or created_at + $5 * interval '1 millisecond' < now() then now() end,
                next_attempt_at = case when $2 then next_attempt_at else now() + $6 * interval '1 millisecond' end
            where id = $1 and leased_by = $7
            returning status""";

    private final Pool pool;
    private final Vertx vertx;
    private final Webhooks webhooks;
    private final NotificationsConfig.Sender config;
    private final String instance;
    private final MeterRegistry meters;
    private final HttpClient client;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Map<String, AtomicBoolean> claiming = new ConcurrentHashMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private volatile long timer = -1;

    /** {@code meters} may be null (no metrics). */
    public WebhookSender(Pool pool, Vertx vertx, Webhooks webhooks, NotificationsConfig.Sender config, String instance,
            MeterRegistry meters) {
        this.pool = pool;
        this.vertx = vertx;
        this.webhooks = webhooks;
        this.config = config;
        this.instance = instance;
        this.meters = meters;
        int timeout = (int) config.timeout().toMillis();
        this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(timeout)
                .setMaxPoolSize(config.maxInFlight() * Math.max(1, webhooks.targets().size()))
                .setKeepAlive(true));
        webhooks.targets().forEach(t -> {
            inFlight.put(t.name(), new AtomicInteger());
            claiming.put(t.name(), new AtomicBoolean());
        });
    }

    public String instance() {
        return instance;
    }

    public void start() {
        if (running.compareAndSet(false, true)) {
            timer = vertx.setPeriodic(config.pollInterval().toMillis(), id -> poll());
            poll();
        }
    }

    /** Stops claiming; deliveries in flight finish (or their lease runs out). */
    public void stop() {
        if (running.compareAndSet(true, false)) {
            vertx.cancelTimer(timer);
        }
    }

    /** Deliveries of this sender not yet answered. */
    public int inFlight() {
        return inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void poll() {
        if (!running.get()) {
            return;
        }
        for (Webhooks.Target target : webhooks.targets()) {
            int free = config.maxInFlight() - inFlight.get(target.name()).get();
            AtomicBoolean busy = claiming.get(target.name());
            if (free > 0 && busy.compareAndSet(false, true)) {
                claim(target, free).onTermination().invoke(() -> busy.set(false))
                        .subscribe().with(ignored -> { }, failure -> Log.warnf(
                                "Could not claim webhook deliveries of target %s: %s", target.name(), failure.toString()));
            }
        }
    }

    private Uni<Void> claim(Webhooks.Target target, int free) {
        Duration lease = config.timeout().plusSeconds(10);
        return pool.preparedQuery(CLAIM).execute(Tuple.of(target.name(), instance, lease.toMillis(), free))
                .invoke(rows -> rows.forEach(row -> {
                    inFlight.get(target.name()).incrementAndGet();
                    deliver(target, row).onTermination().invoke(() -> inFlight.get(target.name()).decrementAndGet())
                            .subscribe().with(ignored -> { }, failure -> Log.warnf(
                                    "Could not record webhook delivery %d: %s", row.getLong("id"), failure.toString()));
                }))
                .replaceWithVoid();
    }

    private record Answer(Integer status, String error) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300 && error == null;
        }
    }

    /** An answer body beyond {@code max-answer-size}. */
    private static final class AnswerTooLarge extends RuntimeException {
        AnswerTooLarge(long limit) {
            super("answer larger than " + limit + " bytes", null, false, false);
        }
    }

    /**
     * Reads the answer's body to its end without keeping it, up to {@code max-answer-size}: beyond that the attempt
     * fails and the connection is closed, so the rest is never received.
     */
    private Uni<Answer> drained(HttpClientResponse response) {
        long limit = config.maxAnswerSize().asLongValue();
        int status = response.statusCode();
        AtomicLong read = new AtomicLong();
        return response.toMulti()
                .onItem().invoke(chunk -> {
                    if (read.addAndGet(chunk.length()) > limit) {
                        throw new AnswerTooLarge(limit);
                    }
                })
                .onItem().ignoreAsUni()
                .map(ignored -> new Answer(status, status / 100 == 2 ? null : "HTTP " + status))
                .onFailure(AnswerTooLarge.class).recoverWithItem(tooLarge -> {
                    response.request().reset();
                    return new Answer(status, "HTTP " + status + ", " + tooLarge.getMessage());
                });
    }

    /** One attempt: POST, then the outcome recorded, if this instance still holds the lease. */
    private Uni<Void> deliver(Webhooks.Target target, Row row) {
        long id = row.getLong("id");
        String eventId = row.getUUID("event_id").toString();
        String body = row.getString("body");
        int attempts = row.getInteger("attempts");
        long timestamp = Instant.now().getEpochSecond();
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(target.url())
                .setTimeout(config.timeout().toMillis())
                .putHeader("content-type", "application/cloudevents+json; charset=utf-8")
                .putHeader("webhook-id", eventId)
                .putHeader("webhook-timestamp", String.valueOf(timestamp))
                .putHeader("webhook-signature", target.sign(eventId, timestamp, body))
                .putHeader("user-agent", "license-gateway-webhooks");
        return client.request(request)
                .flatMap(r -> r.send(Buffer.buffer(body)))
                .flatMap(this::drained)
                .ifNoItem().after(config.timeout().plusSeconds(1)).fail()
                .onFailure().recoverWithItem(failure -> new Answer(null, describe(failure)))
                .flatMap(answer -> record(target, id, eventId, attempts, answer));
    }

    private Uni<Void> record(Webhooks.Target target, long id, String eventId, int attempts, Answer answer) {
        long delay = answer.delivered() ? 0 : backoff(attempts).toMillis();
        return pool.preparedQuery(RECORD)
                .execute(Tuple.from(new Object[] { id, answer.delivered(), answer.status(), answer.error(),
                        config.maxAge().toMillis(), delay, instance }))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        Log.warnf("Webhook delivery %d to target %s: the lease ran out before the answer; another "
                                + "attempt may follow", id, target.name());
                        return;
                    }
                    String status = rows.iterator().next().getString(0);
                    String outcome = switch (status) {
                        case "DELIVERED" -> "delivered";
                        case "FAILED" -> "gave_up";
                        default -> "failed";
                    };
                    if (meters != null) {
                        Counter.builder("gateway.webhook.deliveries")
                                .description("Webhook delivery attempts by target and outcome (delivered, failed, gave_up)")
                                .tags("target", target.name(), "outcome", outcome).register(meters).increment();
                    }
                    if (status.equals("FAILED")) {
                        Log.warnf("Webhook delivery %d (event %s) to target %s given up after %d attempts: %s", id,
                                eventId, target.name(), attempts, answer.error());
                    } else if (!answer.delivered()) {
                        Log.debugf("Webhook delivery %d to target %s failed (attempt %d), retry in %d ms: %s", id,
                                target.name(), attempts, delay, answer.error());
                    }
                })
                .replaceWithVoid();
    }

    /** initial-delay × 2^(attempts − 1), at most max-delay, spread by ± jitter. */
    Duration backoff(int attempts) {
        double base = Math.min(config.maxDelay().toMillis(),
                config.initialDelay().toMillis() * Math.pow(2, Math.max(0, attempts - 1)));
        double spread = 1 + config.jitter() * (2 * ThreadLocalRandom.current().nextDouble() - 1);
        return Duration.ofMillis(Math.max(1, Math.round(base * spread)));
    }

    /** A failure as stored and logged: its kind and message, which name host and port at most, never the URL. */
    private static String describe(Throwable failure) {
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        String text = failure.getClass().getSimpleName() + message;
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    public void close() {
        stop();
        client.closeAndForget();
    }
}
