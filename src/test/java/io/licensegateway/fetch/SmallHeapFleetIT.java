package io.licensegateway.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
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
import io.vertx.core.Vertx;

/**
 * Memory is bounded by configuration, not by the fleet: the packaged gateway, started with a 128 MB heap (and told
 * to exit rather than limp on when it runs out), stores a fleet of 200 simulated consoles x 1,000 licenses with its
 * default fetch configuration (only the deadlines are longer), then refreshes it again unchanged. The simulator
 * runs in this test's JVM, so the gateway's heap holds nothing but its own work. The process's CPU time and RSS
 * are written to {@code target/small-heap/figures.json} for BENCHMARKS.md; they are not asserted.
 */
class SmallHeapFleetIT {

    private static final int CONSOLES = 200;
    private static final int LICENSES = 1000;
    private static final String HEAP = "-Xmx128m";
    private static final String DATABASE = "license_gateway_small_heap";
    private static final String ADMIN_KEY = "small-heap-admin-key";
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Vertx vertx;
    private static ConsoleSimulator simulator;
    private static Process gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        Path jar = ROOT.resolve("target/quarkus-app/quarkus-run.jar");
        assumeTrue(Files.exists(jar), "runs the fast-jar; this build packaged none (native?)");
        database("drop database if exists " + DATABASE + " with (force)");
        database("create database " + DATABASE);

        vertx = Vertx.vertx();
        simulator = new ConsoleSimulator(vertx, 7).start();
        Path consoles = Files.createDirectories(ROOT.resolve("target/small-heap")).resolve("consoles.properties");
        Files.writeString(consoles, BenchSimulator.addFleet(simulator, CONSOLES, LICENSES, Duration.ofMillis(20)));

        port = freePort();
        int management = freePort();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + DATABASE);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("GATEWAY_REFRESH_SCHEDULED", "false");
        // the simulator shares the gateway's cores: generous deadlines, so that a slow answer is not what this measures
        env.put("GATEWAY_FETCH_TIMEOUT", "180s");
        env.put("GATEWAY_FETCH_REQUEST_TIMEOUT", "120s");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:+ExitOnOutOfMemoryError", "-Xlog:gc:file=" + consoles.resolveSibling("gc.log"),
                "-Dquarkus.config.locations=" + consoles.toUri(),
                "-Dgateway.security.api-keys.small-heap.sha256=" + sha256(ADMIN_KEY),
                "-Dgateway.security.api-keys.small-heap.role=admin", "-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(consoles.resolveSibling("gateway.log").toFile());
        builder.environment().putAll(env);
        gateway = builder.start();
        awaitReady(management);
    }

    @AfterAll
    static void stop() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
        if (simulator != null) {
            simulator.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        database("drop database if exists " + DATABASE + " with (force)");
    }

    @Test
    void storesTwoHundredConsolesInA128MbHeap() throws Exception {
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

        HttpResponse<String> count = call("GET", "/api/v1/licenses?limit=1");
        assertThat(count.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(count.body()).path("meta").path("total").asInt()).isPositive();
    }

    private static JsonNode refresh() throws Exception {
        HttpResponse<String> response = call("POST", "/api/v1/refresh");
        assertThat(response.statusCode()).as("POST /api/v1/refresh: %s", response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, Integer> outcomes(JsonNode run) {
        Map<String, Integer> counts = new HashMap<>();
        run.path("consoles").forEach(console -> counts.merge(console.path("outcome").asText(), 1, Integer::sum));
        return counts;
    }

    private static HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-API-Key", ADMIN_KEY).timeout(Duration.ofMinutes(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitReady(int management) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(gateway.isAlive()).as("the gateway stopped during start-up; see target/small-heap/gateway.log")
                    .isTrue();
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gateway was not ready within 120 s");
    }

    private static void database(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
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
