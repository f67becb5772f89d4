package io.licensegateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.bench.BenchSimulator;
import io.licensegateway.simulator.ConsoleSimulator;
import io.licensegateway.support.PackagedGateway;
import io.vertx.core.Vertx;

/**
 * A refresh's memory is bounded by configuration, the current view's by the fleet: the packaged gateway, started
 * with a heap of 128 MB plus what the view of 200,000 licenses holds (and told to exit rather than limp on when it
 * runs out), stores a fleet of 200 simulated consoles x 1,000 licenses with its
 * default fetch configuration (only the deadlines are longer), then refreshes it again unchanged. The simulator
 * runs in this test's JVM, so the gateway's heap holds nothing but its own work. The process's CPU time and RSS
 * are written to {@code target/small-heap/figures.json} for BENCHMARKS.md; they are not asserted.
 */
class SmallHeapFleetIT {

    private static final int CONSOLES = 200;
    private static final int LICENSES = 1000;
    /** 128 MB for the refresh's work plus the current view of 200,000 licenses (BENCHMARKS.md: bytes per license). */
    private static final String HEAP = "-Xmx320m";
    private static final String DATABASE = "license_gateway_small_heap";
    private static final Path ROOT = PackagedGateway.ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Vertx vertx;
    private static ConsoleSimulator simulator;
    private static PackagedGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.exists(PackagedGateway.JAR), "runs the fast-jar; this build packaged none (native?)");
        PackagedGateway.database("drop database if exists " + DATABASE + " with (force)");
        PackagedGateway.database("create database " + DATABASE);

        vertx = Vertx.vertx();
        simulator = new ConsoleSimulator(vertx, 7).start();
        Path consoles = Files.createDirectories(ROOT.resolve("target/small-heap")).resolve("consoles.properties");
        Files.writeString(consoles, BenchSimulator.addFleet(simulator, CONSOLES, LICENSES, Duration.ofMillis(20)));
        // the simulator shares the gateway's cores: generous deadlines, so that a slow answer is not what this measures
        gateway = PackagedGateway.start("gateway", consoles.getParent(), DATABASE, List.of(HEAP,
                "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + consoles.resolveSibling("gc.log"),
                "-Dquarkus.config.locations=" + consoles.toUri()), Map.of("GATEWAY_REFRESH_SCHEDULED", "false",
                "GATEWAY_FETCH_TIMEOUT", "180s", "GATEWAY_FETCH_REQUEST_TIMEOUT", "120s"));
    }

    @AfterAll
    static void stop() throws Exception {
        PackagedGateway.stopAll(java.util.Collections.singletonList(gateway), simulator, vertx, DATABASE);
    }

    @Test
    void storesTwoHundredConsolesAndTheirViewInABoundedHeap() throws Exception {
        ProcessFigures figures = new ProcessFigures(gateway.pid());
        figures.sampleRss();
        double cpu = figures.cpuSeconds();
        long started = System.nanoTime();
        assertThat(outcomes(refresh())).as("first refresh").containsExactlyEntriesOf(Map.of("UPDATED", CONSOLES));
        double changedCpu = figures.cpuSeconds() - cpu;
        double changedWall = (System.nanoTime() - started) / 1e9;

        cpu = figures.cpuSeconds();
        started = System.nanoTime();
        assertThat(outcomes(refresh())).as("second refresh").containsExactlyEntriesOf(Map.of("UNCHANGED", CONSOLES));
        double unchangedCpu = figures.cpuSeconds() - cpu;
        double unchangedWall = (System.nanoTime() - started) / 1e9;
        assertThat(gateway.isAlive()).as("the gateway is still running (it exits on OutOfMemoryError)").isTrue();

        // figures for BENCHMARKS.md, not assertions: on a shared machine they vary
        Files.writeString(ROOT.resolve("target/small-heap/figures.json"), JSON.writeValueAsString(Map.of(
                "consoles", CONSOLES, "licensesPerConsole", LICENSES, "heap", HEAP,
                "changedRefresh", Map.of("gatewayCpuSeconds", changedCpu, "wallSeconds", changedWall),
                "unchangedRefresh", Map.of("gatewayCpuSeconds", unchangedCpu, "wallSeconds", unchangedWall),
                "rssMb", figures.stopSampling())));

        HttpResponse<String> count = gateway.call("GET", "/api/v1/licenses?limit=1");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(count.body()).path("meta").path("total").asInt()).isPositive();
    }

    private static JsonNode refresh() throws Exception {
        HttpResponse<String> response = gateway.call("POST", "/api/v1/refresh");
        assertThat(response.statusCode()).as("POST /api/v1/refresh: %s", response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, Integer> outcomes(JsonNode run) {
        Map<String, Integer> counts = new HashMap<>();
        run.path("consoles").forEach(console -> counts.merge(console.path("outcome").asText(), 1, Integer::sum));
        return counts;
    }

    /** CPU time and resident memory of the gateway process, read from /proc (Linux). */
    private static final class ProcessFigures {

        private final long pid;
        private final List<Long> rssKb = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile boolean sampling = true;

        ProcessFigures(long pid) {
            this.pid = pid;
        }

        void sampleRss() {
            Thread sampler = new Thread(() -> {
                while (sampling) {
                    try {
                        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                            if (line.startsWith("VmRSS:")) {
                                rssKb.add(Long.parseLong(line.replaceAll("[^0-9]", "")));
                            }
                        }
                        Thread.sleep(200);
                    } catch (IOException | InterruptedException gone) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        /** min, max and last RSS in MB over the samples. */
        Map<String, Long> stopSampling() {
            sampling = false;
            return Map.of("min", rssKb.stream().mapToLong(Long::longValue).min().orElse(0) / 1024,
                    "max", rssKb.stream().mapToLong(Long::longValue).max().orElse(0) / 1024,
                    "last", rssKb.isEmpty() ? 0 : rssKb.get(rssKb.size() - 1) / 1024, "samples", (long) rssKb.size());
        }

        /** utime + stime of the process, in seconds (clock ticks of 1/100 s). */
        double cpuSeconds() throws IOException {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        }
    }
}
