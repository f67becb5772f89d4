package io.licensegateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
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
 *   POST /reseed?seed=N              every console gets new deterministic data (the next refresh stores it: UPDATED)
 *   POST /mutate?percent=P&seed=S    every console changes P % of its licenses (at least one), chosen and changed
 *                                    deterministically by S; the rest stay byte for byte as they were
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
        String config = addFleet(simulator, consoles, licenses, latency);
        HttpServer control = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(controlPort))
                .requestHandler(request -> {
                    if (request.path().equals("/reseed")) {
                        long newSeed = Long.parseLong(request.getParam("seed"));
                        // generating the data takes a while: off the event loop
                        vertx.executeBlocking(() -> {
                            simulator.consoles().forEach(c -> c.reseed(newSeed));
                            return null;
                        }).onComplete(done -> request.response().end(new JsonObject().put("seed", newSeed).encode()));
                    } else if (request.path().equals("/mutate")) {
                        double percent = Double.parseDouble(request.getParam("percent"));
                        long mutateSeed = Long.parseLong(request.getParam("seed"));
                        if (!(percent > 0 && percent <= 100)) {
                            request.response().setStatusCode(400).end("percent must be in (0, 100]");
                            return;
                        }
                        vertx.executeBlocking(() -> {
                            int[] totals = new int[2];
                            simulator.consoles().forEach(c -> {
                                int[] counts = mutate(c, percent, mutateSeed);
                                totals[0] += counts[0];
                                totals[1] += counts[1];
                            });
                            return totals;
                        }).onComplete(done -> {
                            if (done.failed()) {
                                request.response().setStatusCode(500).end(String.valueOf(done.cause()));
                            } else {
                                request.response().end(new JsonObject().put("seed", mutateSeed).put("percent", percent)
                                        .put("changed", done.result()[0]).put("replaced", done.result()[1]).encode());
                            }
                        });
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
        write(properties, config);
        System.out.printf("BenchSimulator: %d consoles x %d licenses, latency %d ms, consoles on port %d, control on %d%n",
                consoles, licenses, latency.toMillis(), simulator.port(), control.actualPort());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            vertx.close();
        }));
        Thread.currentThread().join();
    }

    /**
     * Adds {@code consoles} simulated consoles ({@code sim-1} … {@code sim-N}, odd v2 with a password, even v3 with an
     * API key) and answers the gateway's {@code gateway.consoles.*} configuration for them.
     */
    public static String addFleet(ConsoleSimulator simulator, int consoles, int licenses, Duration latency) {
        StringBuilder config = new StringBuilder("# written by BenchSimulator: ").append(consoles)
                .append(" simulated consoles on 127.0.0.1:").append(simulator.port()).append('\n')
                .append("# the simulator speaks plain HTTP on the loopback\ngateway.allow-insecure-transport=true\n");
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
        return config.toString();
    }

    /**
     * Changes {@code percent} % of the console's licenses (rounded, at least one): a deterministic choice by
     * {@code seed} and the console's name. Each chosen license gets a different {@code usedCloudconnectBackups} and
     * {@code usedInstances} (what v3 serves as {@code usedUnits}), and one in four a different {@code status} between
     * Valid and Warning (unless it is expired: Error); one in ten chosen is
     * replaced instead: removed, and a new license (new id, same company) added at the end, so the count stays.
     * Returns {changed, replaced}.
     */
    static int[] mutate(SimulatedConsole console, double percent, long seed) {
        List<JsonObject> licenses = new ArrayList<>(console.licenses());
        int n = licenses.size();
        int wanted = Math.max(1, Math.min(n, (int) Math.round(n * percent / 100.0)));
        Random random = new Random(seed ^ console.name().hashCode());
        // a partial Fisher-Yates shuffle: the first `wanted` positions are the chosen ones
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = 0; i < wanted; i++) {
            int j = i + random.nextInt(n - i);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int changed = 0;
        List<Integer> removed = new ArrayList<>();
        List<JsonObject> added = new ArrayList<>();
        for (int k = 0; k < wanted; k++) {
            int index = order[k];
            JsonObject license = licenses.get(index).copy();
            int licensed = license.getInteger("licensedCloudconnectBackups", 0);
            int used = license.getInteger("usedCloudconnectBackups", 0);
            // always a different value: further round 0..licensed by 1..licensed (or + 1 when that is 0)
            license.put("usedCloudconnectBackups", licensed == 0 ? used + 1 : (used + 1 + random.nextInt(licensed)) % (licensed + 1));
            // v3 consoles serve usage as usedUnits (usedInstances), not per counter: change it too
            double total = license.getNumber("totalInstances", 0).doubleValue();
            double usedInstances = license.getNumber("usedInstances", 0).doubleValue();
            double next = Math.round(random.nextDouble() * total * 100) / 100.0;
            license.put("usedInstances", next != usedInstances ? next : usedInstances >= 1 ? usedInstances - 1 : usedInstances + 1);
            if (random.nextInt(4) == 0 && !"Error".equals(license.getString("status"))) {
                license.put("status", "Valid".equals(license.getString("status")) ? "Warning" : "Valid");
            }
            if (random.nextInt(10) == 0) {
                removed.add(index);
                license.put("id", new UUID(console.name().hashCode(), (1L << 32) + Math.abs(random.nextLong() % (1L << 40)))
                        .toString());
                added.add(license);
            } else {
                licenses.set(index, license);
                changed++;
            }
        }
        removed.sort(java.util.Comparator.reverseOrder());
        for (int index : removed) {
            licenses.remove(index);
        }
        licenses.addAll(added);
        console.serve(licenses);
        return new int[] { changed, added.size() };
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
