package io.licensegateway.simulator;

import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * An in-process stand-in for many VAC consoles, speaking the VAC REST v2 API over real HTTP: the
 * {@code /token} password and refresh grants with expiring tokens, and
 * {@code /v2/licensing/cloudconnectLicenses} with {@code $top}, {@code $skip} and {@code $orderby}.
 * Each console lives under {@code /consoles/{name}} on one server and can be told to misbehave.
 */
public final class ConsoleSimulator implements AutoCloseable {

    private static final String LICENSES_V2 = "/v2/licensing/cloudconnectLicenses";

    private final Vertx vertx;
    private final Map<String, SimulatedConsole> consoles = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final String username = "svc-license-gateway";
    private final long seed;
    private HttpServer server;

    public ConsoleSimulator(Vertx vertx, long seed) {
        this.vertx = vertx;
        this.seed = seed;
    }

    /** Starts listening on a free port of 127.0.0.1; blocks until it listens. */
    public ConsoleSimulator start() {
        try {
            server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                    .requestHandler(this::handle)
                    .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The console simulator could not start", e);
        }
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    /** Adds a console with {@code licenses} generated licenses and a random password of its own. */
    public SimulatedConsole addConsole(String name, int licenses) {
        byte[] secret = new byte[18];
        random.nextBytes(secret);
        SimulatedConsole console = new SimulatedConsole(name, username,
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret), licenses, seed);
        consoles.put(name, console);
        return console;
    }

    public SimulatedConsole console(String name) {
        SimulatedConsole console = consoles.get(name);
        if (console == null) {
            throw new IllegalArgumentException("No simulated console " + name);
        }
        return console;
    }

    public List<SimulatedConsole> consoles() {
        return consoles.values().stream().sorted(Comparator.comparing(SimulatedConsole::name)).toList();
    }

    public URI baseUri(String name) {
        return URI.create("http://127.0.0.1:" + port() + "/consoles/" + name);
    }

    /** Highest number of requests in flight at once, over all consoles, since the last {@link #reset()}. */
    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** Every console back to healthy, original data, zero counters. */
    public void reset() {
        consoles.values().forEach(c -> c.reset(seed));
        peakInFlight.set(inFlight.get());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    private void handle(HttpServerRequest request) {
        String[] parts = request.path().split("/", 4);
        SimulatedConsole console = parts.length == 4 && parts[1].equals("consoles") ? consoles.get(parts[2]) : null;
        if (console == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        String path = "/" + parts[3];
        track(request, console);
        long delay = console.latency().toMillis();
        // The body must be read before a timer defers the answer, or Vert.x drops it.
        request.body().onSuccess(body -> {
            if (delay > 0) {
                vertx.setTimer(delay, id -> route(request, console, path, body));
            } else {
                route(request, console, path, body);
            }
        });
    }

    private void track(HttpServerRequest request, SimulatedConsole console) {
        SimulatedConsole.Counters counters = console.counters;
        counters.requests.incrementAndGet();
        counters.peakInFlight.accumulateAndGet(counters.inFlight.incrementAndGet(), Math::max);
        peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        AtomicBoolean done = new AtomicBoolean();
        Runnable finished = () -> {
            if (done.compareAndSet(false, true)) {
                counters.inFlight.decrementAndGet();
                inFlight.decrementAndGet();
            }
        };
        request.response().endHandler(v -> finished.run());
        request.response().closeHandler(v -> finished.run());
    }

    private void route(HttpServerRequest request, SimulatedConsole console, String path, Buffer body) {
        if (path.equals("/token") && request.method().name().equals("POST")) {
            token(request, console, body);
        } else if (path.equals(LICENSES_V2) && request.method().name().equals("GET")) {
            licensesV2(request, console);
        } else {
            json(request, 404, new JsonObject().put("Message", "No HTTP resource was found that matches " + path));
        }
    }

    private void token(HttpServerRequest request, SimulatedConsole console, Buffer body) {
        Map<String, String> form = Forms.parse(body.toString());
        String grant = form.getOrDefault("grant_type", "");
        int generation = console.counters.tokenGeneration.get();
        if (grant.equals("password")) {
            console.counters.passwordGrants.incrementAndGet();
            if (!console.acceptsPassword(form.get("username"), form.get("password"))) {
                invalidGrant(request, "The user name or password is incorrect.");
                return;
            }
        } else if (grant.equals("refresh_token")) {
            console.counters.refreshGrants.incrementAndGet();
            Token old = tokens.remove(form.getOrDefault("refresh_token", ""));
            if (old == null || !old.refresh || !old.valid(console, generation)) {
                invalidGrant(request, "The refresh token is invalid or expired.");
                return;
            }
        } else {
            json(request, 400, new JsonObject().put("error", "unsupported_grant_type"));
            return;
        }
        long lifetimeMillis = console.tokenLifetime().toMillis();
        String access = issue(new Token(console.name(), generation, System.currentTimeMillis() + lifetimeMillis, false));
        String refresh = issue(new Token(console.name(), generation, Long.MAX_VALUE, true));
        json(request, 200, new JsonObject().put("access_token", access).put("token_type", "bearer")
                .put("expires_in", lifetimeMillis / 1000).put("refresh_token", refresh));
    }

    private void invalidGrant(HttpServerRequest request, String description) {
        json(request, 400, new JsonObject().put("error", "invalid_grant").put("error_description", description));
    }

    private String issue(Token token) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        tokens.put(value, token);
        return value;
    }

    private boolean authorized(HttpServerRequest request, SimulatedConsole console) {
        String header = request.getHeader("Authorization");
        Token token = header != null && header.startsWith("Bearer ") ? tokens.get(header.substring(7)) : null;
        if (token != null && !token.refresh && token.valid(console, console.counters.tokenGeneration.get())) {
            return true;
        }
        json(request, 401, new JsonObject().put("Message", "Authorization has been denied for this request."));
        return false;
    }

    private void licensesV2(HttpServerRequest request, SimulatedConsole console) {
        if (!authorized(request, console)) {
            return;
        }
        console.counters.licenseRequests.incrementAndGet();
        int top = intParam(request, "$top", Integer.MAX_VALUE);
        int skip = intParam(request, "$skip", 0);
        int page = top == Integer.MAX_VALUE ? 1 : skip / Math.max(top, 1) + 1;
        List<JsonObject> items = console.licenses().stream()
                .sorted(OrderBy.parse(request.getParam("$orderby")))
                .skip(skip).limit(top).toList();
        String body = new JsonArray(items).encode();
        switch (console.nextFailure(page)) {
            case HANG -> vertx.setTimer(120_000, id -> request.connection().close());
            case THROTTLE -> request.response().setStatusCode(429)
                    .putHeader("Retry-After", String.valueOf(console.retryAfterSeconds())).end();
            case STATUS -> json(request, console.failStatus(), new JsonObject().put("Message", "Simulated failure"));
            case PAGE -> json(request, 500, new JsonObject().put("Message", "Simulated failure on page " + page));
            case MALFORMED -> request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                    .end(body.substring(0, body.length() / 2) + "<html>");
            case RESET -> {
                request.response().setStatusCode(200).putHeader("Content-Type", "application/json")
                        .putHeader("Content-Length", String.valueOf(Buffer.buffer(body).length()))
                        .write(body.substring(0, body.length() / 2));
                vertx.setTimer(20, id -> request.connection().close());
            }
            case NONE -> request.response().setStatusCode(200)
                    .putHeader("Content-Type", "application/json; charset=utf-8").end(body);
        }
    }

    private static int intParam(HttpServerRequest request, String name, int fallback) {
        String value = request.getParam(name);
        try {
            return value == null ? fallback : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void json(HttpServerRequest request, int status, JsonObject body) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .end(body.encode());
    }

    private record Token(String console, int generation, long expiresAtMillis, boolean refresh) {
        boolean valid(SimulatedConsole owner, int currentGeneration) {
            return console.equals(owner.name()) && generation == currentGeneration
                    && System.currentTimeMillis() < expiresAtMillis;
        }
    }
}
