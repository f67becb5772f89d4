package io.licensegateway.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Keeps the benchmark harness from rotting: runs {@code src/bench/run.sh --smoke} (1 and 3 simulated consoles, 50
 * licenses each, a few seconds per row, every row including the memory one) against the jar this build packaged, and
 * checks that every row was measured. It asserts no performance target: on a shared 2-core machine a smoke run
 * measures nothing useful. wrk is optional: without it the API rate is reported as missing, and the rest still runs.
 */
class BenchSmokeIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path OUT = ROOT.resolve("target/bench-smoke");

    @Test
    void theHarnessMeasuresEveryRow() throws Exception {
        assumeTrue(Files.exists(ROOT.resolve("target/quarkus-app/quarkus-run.jar")),
                "the harness runs the fast-jar; this build packaged none (native?)");
        for (String tool : List.of("python3", "psql", "pgbench", "createdb", "dropdb")) {
            assumeTrue(onPath(tool), tool + " is not installed");
        }

        Process process = new ProcessBuilder("bash", "src/bench/run.sh", "--smoke", "--no-build", "--out", OUT.toString(),
                "--only", "refresh,query,latency,during,startup,memory")
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ROOT.resolve("target/bench-smoke.log").toFile()).start();
        boolean finished = process.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            process.destroy();
            process.waitFor(45, TimeUnit.SECONDS);
        }
        String log = Files.readString(ROOT.resolve("target/bench-smoke.log"), StandardCharsets.UTF_8);
        assertThat(finished).as("run.sh --smoke finished within 180 s:%n%s", log).isTrue();
        assertThat(process.exitValue()).as("run.sh --smoke exit code:%n%s", log).isZero();

        JsonNode results = new ObjectMapper().readTree(OUT.resolve("results.json").toFile());
        assertThat(results.path("mode").asText()).isEqualTo("smoke");

        JsonNode refresh = results.path("refresh");
        assertThat(refresh.has("1") && refresh.has("3")).as("refresh rows for 1 and 3 consoles: %s", refresh).isTrue();
        assertThat(refresh.path("3").path("updated").get(0).path("outcomes").path("UPDATED").asInt()).isEqualTo(3);
        assertThat(refresh.path("3").path("unchanged").get(0).path("outcomes").path("UNCHANGED").asInt()).isEqualTo(3);
        assertThat(refresh.path("3").path("updated_rows_per_s").asDouble()).isPositive();
        assertThat(refresh.path("3").path("copy_rows_per_s").asDouble()).isPositive();
        assertThat(refresh.path("3").path("ingest_ratio").asDouble()).isPositive();

        JsonNode query = results.path("query");
        assertThat(query.path("pgbench_tps").asDouble()).isPositive();
        assertThat(query.path("matching_rows").asInt()).isPositive();
        if (onPath("wrk")) {
            assertThat(query.path("wrk_rps").asDouble()).isPositive();
            assertThat(query.path("ratio").asDouble()).isPositive();
            assertThat(query.path("wrk").get(0).path("non2xx").asInt()).isZero();
        }

        assertThat(results.path("latency").path("p99_ms").asDouble()).isPositive();
        assertThat(results.path("latency").path("errors").asInt()).isZero();
        JsonNode during = results.path("during_refresh").path("runs").get(0);
        assertThat(during.path("refresh_outcomes").path("UPDATED").asInt()).isEqualTo(3);
        assertThat(during.path("requests_during").asInt()).isPositive();
        assertThat(results.path("startup").path("median_ready_s").asDouble()).isPositive();
        JsonNode memory = results.path("memory");
        assertThat(memory.path("rss_samples_mb").size()).isGreaterThan(3);
        assertThat(memory.path("load").path("errors").asInt()).as("mixed load errors: %s", memory.path("load")).isZero();
        assertThat(memory.path("refreshes").size()).isPositive();

        assertThat(log).contains("| measure | compared with | result | target | met |");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
