package io.licensegateway.simulator;

import java.net.URI;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.licensegateway.console.ApiFlavour;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * An in-process stand-in for many consoles over real HTTP, each speaking VAC REST v2 ({@link V2Api}) or VSPC
 * REST v3 ({@link V3Api}) with expiring, refreshable tokens. Each console lives under {@code /consoles/{name}}
 * on one server and can be told to misbehave.
 */
public final class ConsoleSimulator implements AutoCloseable {

    private final Vertx vertx;
    private final Map<String, SimulatedConsole> consoles = new ConcurrentHashMap<>();
    private final SimulatedTokens tokens = new SimulatedTokens();
    private final Map<ApiFlavour, SimulatedApi> apis;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final String username = "svc-license-gateway";
    private final long seed;
    private HttpServer server;
    private boolean https;

    public ConsoleSimulator(Vertx vertx, long seed) {
        this.vertx = vertx;
        this.seed = seed;
        Replies replies = new Replies(vertx);
        this.apis = Map.of(ApiFlavour.V2, new V2Api(tokens, replies), ApiFlavour.V3, new V3Api(tokens, replies));
    }

    /** Starts listening on a free port of 127.0.0.1; blocks until it listens. */
    public ConsoleSimulator start() {
        return start(new HttpServerOptions());
    }

    /** Starts serving HTTPS with this PEM certificate and key, as real consoles do. */
    public ConsoleSimulator startHttps(Path certificate, Path key) {
        return start(new HttpServerOptions().setSsl(true)
                .setKeyCertOptions(new PemKeyCertOptions().setCertPath(certificate.toString()).setKeyPath(key.toString())));
    }

    private ConsoleSimulator start(HttpServerOptions options) {
        try {
            server = vertx.createHttpServer(options.setHost("127.0.0.1").setPort(0))
                    .requestHandler(this::handle)
                    .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            https = options.isSsl();
        } catch (Exception e) {
            throw new IllegalStateException("The console simulator could not start", e);
        }
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    /** Adds a VAC v2 console with {@code licenses} generated licenses and a random password of its own. */
    public SimulatedConsole addConsole(String name, int licenses) {
        return addConsole(name, licenses, ApiFlavour.V2);
    }

    /** Adds a console speaking {@code api}, with generated licenses, a random password and a random API key. */
    public SimulatedConsole addConsole(String name, int licenses, ApiFlavour api) {
        SimulatedConsole console = new SimulatedConsole(name, api, username, tokens.newSecret(18), tokens.newSecret(32),
                licenses, seed);
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

    /** Every access and refresh token the simulated consoles ever issued. */
    public Set<String> issuedTokens() {
        return tokens.issued();
    }

    public URI baseUri(String name) {
        return URI.create((https ? "https" : "http") + "://127.0.0.1:" + port() + "/consoles/" + name);
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
        SimulatedApi api = apis.get(console.api());
        // The body must be read before a timer defers the answer, or Vert.x drops it.
        request.body().onSuccess(body -> {
            if (delay > 0) {
                vertx.setTimer(delay, id -> api.route(request, console, path, body));
            } else {
                api.route(request, console, path, body);
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
}
