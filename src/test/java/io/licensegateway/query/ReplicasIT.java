package io.licensegateway.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import io.licensegateway.simulator.SimulatedConsole;
import io.licensegateway.support.PackagedGateway;
import io.vertx.core.Vertx;

/**
 * Two packaged gateways on one database: a refresh committed by either is served by the other, told by PostgreSQL's
 * notification (their periodic check is set to a minute, so nothing else could bring it that fast), with the same
 * answer and the same ETag. How long each took is written to {@code target/replicas/figures.json} for BENCHMARKS.md,
 * not asserted.
 */
class ReplicasIT {

    private static final int CONSOLES = 4;
    private static final int LICENSES = 300;
    private static final String DATABASE = "license_gateway_replicas";
    private static final Path FOLDER = PackagedGateway.ROOT.resolve("target/replicas");
    private static final String PAGE = "/api/v1/licenses?limit=50&sort=-usedInstances,companyName";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Vertx vertx;
    private static ConsoleSimulator simulator;
    private static PackagedGateway a;
    private static PackagedGateway b;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.exists(PackagedGateway.JAR), "runs the fast-jar; this build packaged none (native?)");
        PackagedGateway.database("drop database if exists " + DATABASE + " with (force)");
        PackagedGateway.database("create database " + DATABASE);
        vertx = Vertx.vertx();
        simulator = new ConsoleSimulator(vertx, 11).start();
        Path consoles = Files.createDirectories(FOLDER).resolve("consoles.properties");
        Files.writeString(consoles, BenchSimulator.addFleet(simulator, CONSOLES, LICENSES, Duration.ZERO));
        List<String> options = List.of("-Xmx256m", "-Dquarkus.config.locations=" + consoles.toUri());
        Map<String, String> environment = Map.of("GATEWAY_REFRESH_SCHEDULED", "false",
                "GATEWAY_VIEW_CHECK_INTERVAL", "60s");
        a = PackagedGateway.start("replica-a", FOLDER, DATABASE, options, environment);
        b = PackagedGateway.start("replica-b", FOLDER, DATABASE, options, environment);
    }

    @AfterAll
    static void stop() throws Exception {
        PackagedGateway.stopAll(java.util.Arrays.asList(a, b), simulator, vertx, DATABASE);
    }

    @Test
    void aRefreshCommittedByOneReplicaIsServedByTheOtherWithTheSameETag() throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int round = 1; round <= 4; round++) {
            if (round > 1) {
                for (SimulatedConsole console : simulator.consoles()) {
                    console.reseed(round * 100L + console.name().hashCode());
                }
            }
            PackagedGateway writer = round % 2 == 1 ? a : b;
            PackagedGateway reader = writer == a ? b : a;
            HttpResponse<String> run = writer.call("POST", "/api/v1/refresh");
            assertThat(run.statusCode()).as("refresh: %s", run.body()).isEqualTo(200);
            long committed = System.nanoTime();
            HttpResponse<String> written = writer.call("GET", PAGE);
            List<Long> snapshots = snapshots(written);
            assertThat(snapshots).as("round %d: the writer serves its run", round).hasSize(CONSOLES);

            HttpResponse<String> read = reader.call("GET", PAGE);
            long deadline = committed + TimeUnit.SECONDS.toNanos(20);
            while (!snapshots(read).equals(snapshots) && System.nanoTime() < deadline) {
                Thread.sleep(5);
                read = reader.call("GET", PAGE);
            }
            millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - committed));
            assertThat(snapshots(read)).as("round %d: the other replica serves the same snapshots", round)
                    .isEqualTo(snapshots);
            assertThat(JSON.readTree(read.body()).path("data")).isEqualTo(JSON.readTree(written.body()).path("data"));
            String etag = written.headers().firstValue("ETag").orElseThrow();
            assertThat(read.headers().firstValue("ETag")).as("round %d: the same ETag", round).contains(etag);
            assertThat(reader.call("GET", PAGE, Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
        }
        Files.writeString(FOLDER.resolve("figures.json"), JSON.writeValueAsString(Map.of("consoles", CONSOLES,
                "licensesPerConsole", LICENSES, "servedByTheOtherAfterMillis", millis)));
    }

    private static List<Long> snapshots(HttpResponse<String> page) throws Exception {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        for (JsonNode console : JSON.readTree(page.body()).path("meta").path("consoles")) {
            if (console.hasNonNull("snapshotId")) {
                ids.add(console.path("snapshotId").asLong());
            }
        }
        return ids;
    }
}
