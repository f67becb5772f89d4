package io.licensegateway.support;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * A real HTTP webhook receiver for tests: one path per target, each with its own Standard Webhooks secret. It checks
 * every request's signature (and timestamp, content type and CloudEvent envelope) the way a receiver should, records
 * every request, and answers as told per path: 204, a status (e.g. 503), or never (hang).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received. {@code verified}: signature, timestamp, content type and envelope all correct. */
    public record Request(String path, String webhookId, String timestamp, String signature, String body,
            boolean verified, int answered, Instant at) {

        public JsonObject event() {
            return new JsonObject(body);
        }

        public boolean delivered() {
            return answered >= 200 && answered < 300;
        }
    }

    private static final int HANG = -1;
    private static final int FLOOD = -2;
    private static final io.vertx.core.buffer.Buffer CHUNK = io.vertx.core.buffer.Buffer.buffer(new byte[64 * 1024]);
    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Vertx vertx;
    private final Map<String, String> secrets;
    private final Map<String, Integer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<HttpServerRequest> hanging = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicLong flooded = new java.util.concurrent.atomic.AtomicLong();
    private volatile long floodBytes;
    private HttpServer server;

    /** {@code secrets}: path (e.g. {@code /alpha}) to its {@code whsec_} secret. */
    public WebhookReceiver(Vertx vertx, Map<String, String> secrets) {
        this.vertx = vertx;
        this.secrets = Map.copyOf(secrets);
    }

    public WebhookReceiver start() {
        try {
            server = vertx.createHttpServer().requestHandler(this::handle).listen(0, "127.0.0.1")
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("receiver did not start", e);
        }
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    /** From now on {@code path} answers {@code status}. */
    public void answer(String path, int status) {
        answers.put(path, status);
    }

    /** From now on {@code path} never answers (the request hangs until the sender gives up on it). */
    public void hang(String path) {
        answers.put(path, HANG);
    }

    /**
     * From now on {@code path} answers 200 with a body of {@code bytes} zeros, streamed in 64 KiB chunks as fast as
     * the caller reads them (so only what the caller reads is ever produced).
     */
    public void flood(String path, long bytes) {
        floodBytes = bytes;
        answers.put(path, FLOOD);
    }

    /** Body bytes the floods have handed to the network so far. */
    public long flooded() {
        return flooded.get();
    }

    /** Every path answers 204 again; nothing recorded. */
    public void reset() {
        answers.clear();
        requests.clear();
        hanging.forEach(r -> r.connection().close());
        hanging.clear();
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The answered-2xx requests of a path. */
    public List<Request> delivered(String path) {
        return requests(path).stream().filter(Request::delivered).toList();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(buffer -> {
            String body = buffer.toString(StandardCharsets.UTF_8);
            String path = request.path();
            int answer = answers.getOrDefault(path, 204);
            String id = request.getHeader("webhook-id");
            String timestamp = request.getHeader("webhook-timestamp");
            String signature = request.getHeader("webhook-signature");
            boolean verified = verify(path, id, timestamp, signature, body, request.getHeader("content-type"));
            requests.add(new Request(path, id, timestamp, signature, body, verified, answer, Instant.now()));
            if (answer == HANG) {
                hanging.add(request);
                return;
            }
            if (answer == FLOOD) {
                flood(request.response().setStatusCode(200).setChunked(true), floodBytes);
                return;
            }
            request.response().setStatusCode(answer).end();
        });
    }

    private void flood(io.vertx.core.http.HttpServerResponse response, long left) {
        long remaining = left;
        while (remaining > 0 && !response.writeQueueFull() && !response.closed()) {
            response.write(CHUNK.copy());
            flooded.addAndGet(CHUNK.length());
            remaining -= CHUNK.length();
        }
        if (response.closed()) {
            return;
        }
        if (remaining <= 0) {
            response.end();
            return;
        }
        long rest = remaining;
        response.drainHandler(ignored -> flood(response, rest));
    }

    /** As a receiver does it: recompute the signature with its own secret and compare in constant time. */
    private boolean verify(String path, String id, String timestamp, String signatures, String body, String contentType) {
        String secret = secrets.get(path);
        if (secret == null || id == null || timestamp == null || signatures == null || contentType == null
                || !contentType.startsWith("application/cloudevents+json")) {
            return false;
        }
        try {
            long sent = Long.parseLong(timestamp);
            if (Math.abs(Instant.now().getEpochSecond() - sent) > TOLERANCE.toSeconds()) {
                return false;
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            boolean match = false;
            for (String candidate : signatures.split(" ")) {
                if (candidate.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(candidate.substring(3)))) {
                    match = true;
                }
            }
            JsonObject event = new JsonObject(body);
            return match && "1.0".equals(event.getString("specversion")) && id.equals(event.getString("id"))
                    && event.getString("type", "").startsWith("io.licensegateway.") && event.getString("source") != null;
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
