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
 * Keeps the benchmark harness from rotting: runs {@code src/bench/run.sh --smoke} (3 simulated consoles, 50 licenses
 * each, a few seconds per phase) against the jar this build packaged, and checks that every measure was taken. It
 * asserts no performance target: a run this small, on cores shared with the build, measures nothing useful. wrk is
 * optional: without it the rates come from a Python closed loop.
 */
class BenchSmokeIT {

    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path OUT = ROOT.resolve("target/bench-smoke");

    @Test
    void theHarnessMeasuresEveryRow() throws Exception {
        assumeTrue(Files.exists(ROOT.resolve("target/quarkus-app/quarkus-run.jar")),
                "the harness runs the fast-jar; this build packaged none (native?)");
        for (String tool : List.of("python3", "psql", "createdb", "dropdb", "jcmd")) {
            assumeTrue(onPath(tool), tool + " is not installed");
        }

        Process process = new ProcessBuilder("bash", "src/bench/run.sh", "--smoke", "--no-build", "--out", OUT.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ROOT.resolve("target/bench-smoke.log").toFile()).start();
        boolean finished = process.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            process.destroy();
            process.waitFor(45, TimeUnit.SECONDS);
        }
        String log = Files.readString(ROOT.resolve("target/bench-smoke.log"), StandardCharsets.UTF_8);
        assertThat(finished).as("run.sh --smoke finished within 300 s:%n%s", log).isTrue();
        assertThat(process.exitValue()).as("run.sh --smoke exit code:%n%s", log).isZero();

        JsonNode results = new ObjectMapper().readTree(OUT.resolve("results.json").toFile());
        assertThat(results.path("mode").asText()).isEqualTo("smoke");
        assertThat(results.path("loadavg").path("sequential").size()).isEqualTo(3);
        assertThat(results.path("fill").path("outcomes").path("UPDATED").asInt()).isEqualTo(3);

        assertThat(results.path("shapes").size()).isGreaterThan(100);
        int deliberate = 0;
        for (JsonNode shape : results.path("shapes")) {
            String name = shape.path("name").asText();
            assertThat(shape.path("errors").asInt()).as("answers of %s: %s", name, shape).isZero();
            assertThat(shape.path("p99_ms").asDouble()).as("p99 of %s", name).isPositive();
            if (shape.path("expect").asInt() != 200) {
                deliberate++;
            }
        }
        assertThat(deliberate).as("the shape beyond the result window and the conditional one").isEqualTo(2);

        JsonNode rate = results.path("rate");
        assertThat(rate.path("mix_rps").asDouble()).as("rate: %s", rate).isPositive();
        assertThat(rate.path("fixed_runs_rps").asDouble()).isPositive();
        assertThat(rate.path("ratio").asDouble()).isPositive();
        assertThat(rate.path("errors").asInt()).as("rate: %s", rate).isZero();

        JsonNode refresh = results.path("refresh");
        assertThat(refresh.path("alone").get(0).path("outcomes").path("UPDATED").asInt()).isEqualTo(3);
        JsonNode underLoad = refresh.path("under_load");
        assertThat(underLoad.path("refresh").path("outcomes").path("UPDATED").asInt()).isEqualTo(3);
        assertThat(underLoad.path("errors").asInt()).as("open loop: %s", underLoad).isZero();
        assertThat(underLoad.path("before").path("requests").asInt()).isPositive();
        assertThat(underLoad.path("during").path("requests").asInt()).isPositive();

        JsonNode heap = results.path("heap");
        assertThat(heap.path("empty").path("bytes").asLong()).isPositive();
        assertThat(heap.path("filled_after_start").path("bytes").asLong()).isPositive();
        assertThat(results.path("start").path("ready_s").asDouble()).isPositive();

        assertThat(log).contains("| measure | result | target | met |");
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
