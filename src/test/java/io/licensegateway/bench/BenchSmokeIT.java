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
 * licenses each, a few seconds per row, every row including the query mix and the memory one) against the jar this
 * build packaged, and checks that every row was measured. It asserts no performance target: a run this small,
 * on cores shared with the build, measures nothing useful. wrk is optional: without it the API rate is reported as missing (the
 * mix then measures its maximum rate with a Python closed loop), and the rest still runs.
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
                "--only", "refresh,query,latency,during,mix,startup,memory")
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
        assertMix(results.path("mix"));
        assertThat(results.path("startup").path("median_ready_s").asDouble()).isPositive();
        JsonNode memory = results.path("memory");
        assertThat(memory.path("rss_samples_mb").size()).isGreaterThan(3);
        assertThat(memory.path("load").path("errors").asInt()).as("mixed load errors: %s", memory.path("load")).isZero();
        assertThat(memory.path("refreshes").size()).isPositive();

        assertThat(log).contains("| measure | compared with | result | target | met |");
    }

    /**
     * The query mix: refreshes that changed all and 5 % of the licenses (rows written counted), the COPY baseline,
     * every shape measured sequentially and in the open loop with its plan, the rate against pgbench; no request
     * answered other than expected (the shape beyond the result window expects its 400).
     */
    private static void assertMix(JsonNode mix) {
        JsonNode refresh = mix.path("refresh");
        assertThat(refresh.path("full").get(0).path("outcomes").path("UPDATED").asInt()).as("mix: %s", refresh)
                .isEqualTo(3);
        assertThat(refresh.path("full").get(0).path("written").path("new_versions").asInt()).isEqualTo(150);
        assertThat(refresh.path("partial").size()).isEqualTo(5);
        for (JsonNode partial : refresh.path("partial")) {
            assertThat(partial.path("outcomes").path("UPDATED").asInt()).as("5 %% refresh: %s", partial).isEqualTo(3);
            assertThat(partial.path("written").path("new_versions").asInt()).isBetween(1, 149);
        }
        assertThat(refresh.path("copy_rows_per_s").asDouble()).isPositive();
        assertThat(refresh.path("ingest_ratio").asDouble()).isPositive();
        assertThat(mix.path("history_refreshes").asInt()).isPositive();

        JsonNode rate = mix.path("rate");
        assertThat(rate.path("api_rps").asDouble()).as("mix rate: %s", rate).isPositive();
        assertThat(rate.path("pgbench_tps").asDouble()).isPositive();
        assertThat(rate.path("errors").asInt()).as("mix rate: %s", rate).isZero();
        assertThat(rate.path("pgbench").get(0).path("failed").asInt()).isZero();
        assertThat(mix.path("open_loop").path("errors").asInt()).as("mix open loop: %s", mix.path("open_loop")).isZero();

        assertThat(mix.path("shapes").size()).isGreaterThan(40);
        int deliberate = 0;
        for (JsonNode shape : mix.path("shapes")) {
            String name = shape.path("name").asText();
            assertThat(shape.path("seq_errors").asInt()).as("sequential answers of %s: %s", name, shape).isZero();
            assertThat(shape.path("open_errors").asInt()).as("open-loop answers of %s: %s", name, shape).isZero();
            assertThat(shape.path("seq_p99_ms").asDouble()).as("sequential p99 of %s", name).isPositive();
            assertThat(shape.path("open_p99_ms").asDouble()).as("open-loop p99 of %s", name).isPositive();
            if (shape.path("expect").asInt() != 200) {
                deliberate++;
                continue;
            }
            assertThat(shape.path("explain").size()).as("plans of %s", name).isPositive();
            for (JsonNode plan : shape.path("explain")) {
                assertThat(plan.path("plan").asText()).as("plan of %s: %s", name, plan).isNotEmpty();
            }
        }
        assertThat(deliberate).as("the shape beyond the result window").isEqualTo(1);
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
