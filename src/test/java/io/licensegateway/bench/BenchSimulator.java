package io.licensegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.licensegateway.console.ApiFlavour;
import io.licensegateway.simulator.ConsoleSimulator;
import io.licensegateway.simulator.SimulatedConsole;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;

/**
 * The console simulator as a process of its own, for {@code src/bench/run.sh}: the gateway under test then holds
 * none of the simulated data, so its memory, CPU and start time are its own. Consoles are named and mixed as
 * {@code gateway.simulator.*} does it ({@code sim-1} … {@code sim-N}; odd v2 with a password, even v3 with an API
 * key). It writes the gateway's {@code gateway.consoles.*} configuration to a properties file and serves a small
 * control API on 127.0.0.1:
 *
 * <pre>
 *   POST /reseed?seed=N   every console gets new deterministic data (the next refresh stores it: UPDATED)
 *   GET  /stats           {"requests": …, "peakInFlight": …}
 * </pre>
 *
 * Usage: {@code BenchSimulator consoles licensesPerConsole latencyMs seed controlPort consoles.properties}
 */
public final class BenchSimulator {

    private BenchSimulator() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 6) {
            System.err.println("usage: BenchSimulator consoles licensesPerConsole latencyMs seed controlPort "
                    + "consoles.properties");
            System.exit(2);
        }
        int consoles = Integer.parseInt(args[0]);
        int licenses = Integer.parseInt(args[1]);
        Duration latency = Duration.ofMillis(Long.parseLong(args[2]));
        long seed = Long.parseLong(args[3]);
        int controlPort = Integer.parseInt(args[4]);
        Path properties = Path.of(args[5]);

        Vertx vertx = Vertx.vertx();
        ConsoleSimulator simulator = new ConsoleSimulator(vertx, seed).start();
        StringBuilder config = new StringBuilder("# written by BenchSimulator: ").append(consoles)
                .append(" simulated consoles on 127.0.0.1:").append(simulator.port()).append('\n');
        for (int i = 1; i <= consoles; i++) {
            ApiFlavour api = i % 2 == 1 ? ApiFlavour.V2 : ApiFlavour.V3;
            SimulatedConsole console = simulator.addConsole("sim-" + i, licenses, api).latency(latency);
            String key = "gateway.consoles." + console.name() + ".";
            config.append(key).append("url=").append(simulator.baseUri(console.name())).append('\n');
            config.append(key).append("api=").append(api == ApiFlavour.V2 ? "v2" : "v3").append('\n');
            if (api == ApiFlavour.V2) {
                config.append(key).append("username=").append(console.username()).append('\n');
                config.append(key).append("password=").append(console.password()).append('\n');
            } else {
                config.append(key).append("api-key=").append(console.apiKey()).append('\n');
            }
        }
        HttpServer control = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(controlPort))
                .requestHandler(request -> {
                    if (request.path().equals("/reseed")) {
                        long newSeed = Long.parseLong(request.getParam("seed"));
                        // generating the data takes a while: off the event loop
                        vertx.executeBlocking(() -> {
                            simulator.consoles().forEach(c -> c.reseed(newSeed));
                            return null;
                        }).onComplete(done -> request.response().end(new JsonObject().put("seed", newSeed).encode()));
                    } else if (request.path().equals("/stats")) {
                        List<SimulatedConsole> all = simulator.consoles();
                        request.response().end(new JsonObject()
                                .put("requests", all.stream().mapToInt(SimulatedConsole::requests).sum())
                                .put("peakInFlight", simulator.peakInFlight()).encode());
                    } else {
                        request.response().setStatusCode(404).end();
                    }
                })
                .listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        write(properties, config.toString());
        System.out.printf("BenchSimulator: %d consoles x %d licenses, latency %d ms, consoles on port %d, control on %d%n",
                consoles, licenses, latency.toMillis(), simulator.port(), control.actualPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            vertx.close();
        }));
        Thread.currentThread().join();
    }

    /** Written whole to a temporary file and moved, so a reader never sees half of it. */
    private static void write(Path target, String text) {
        try {
            Path temporary = Files.createTempFile(target.toAbsolutePath().getParent(), "consoles", ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
