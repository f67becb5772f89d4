package io.licensegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * No container engine runs the Dockerfiles in the build, so these checks read them: base images pinned, ports in
 * line with {@code application.properties}, a non-root user, an ignore file per Dockerfile, and a compose demo that
 * agrees with all that.
 */
class ContainerFilesTest {

    private static final Path DOCKER = Path.of("docker");
    private static final AppSettings APP = AppSettings.read(Path.of("src/main/resources/application.properties"));
    private static final Pattern ARG = Pattern.compile("(?m)^ARG\\s+(\\w+)=(\\S+)\\s*$");
    private static final Pattern FROM = Pattern.compile("(?m)^FROM\\s+(\\S+)(?:\\s+AS\\s+\\S+)?\\s*$");

    @ParameterizedTest
    @ValueSource(strings = { "Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-build" })
    void dockerfileIsPinnedNonRootAndExposesTheApplicationPorts(String name) throws IOException {
        String text = Files.readString(DOCKER.resolve(name));

        List<String> images = new ArrayList<>();
        Map<String, String> args = new HashMap<>();
        Matcher arg = ARG.matcher(text);
        while (arg.find()) {
            args.put(arg.group(1), arg.group(2));
        }
        Matcher from = FROM.matcher(text);
        while (from.find()) {
            String image = from.group(1);
            Matcher reference = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
            images.add(reference.matches() ? args.get(reference.group(1)) : image);
        }
        assertThat(images).as("base images of " + name).isNotEmpty().allSatisfy(image -> {
            assertThat(image).as("a FROM without a default").isNotNull();
            assertThat(ManifestChecker.imageProblem(image)).as(image).isNull();
        });
        assertThat(text).as("EXPOSE in " + name)
                .containsPattern("(?m)^EXPOSE\\s+.*\\b" + APP.httpPort() + "\\b")
                .containsPattern("(?m)^EXPOSE\\s+.*\\b" + APP.managementPort() + "\\b");
        Matcher user = Pattern.compile("(?m)^USER\\s+(\\S+)\\s*$").matcher(text);
        String lastUser = null;
        while (user.find()) {
            lastUser = user.group(1);
        }
        assertThat(lastUser).as("the user the image runs as").isNotNull().matches("[1-9][0-9]*");
        assertThat(Files.exists(DOCKER.resolve(name + ".dockerignore"))).as(name + ".dockerignore").isTrue();
    }

    @Test
    void everyIgnoreFileStartsByExcludingEverything() throws IOException {
        try (Stream<Path> files = Stream.concat(Files.list(DOCKER), Stream.of(Path.of(".dockerignore")))) {
            List<Path> ignores = files.filter(p -> p.getFileName().toString().endsWith(".dockerignore")).toList();
            assertThat(ignores).hasSize(4);
            for (Path ignore : ignores) {
                List<String> patterns = Files.readAllLines(ignore).stream()
                        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
                assertThat(patterns).as(ignore.toString()).first().isEqualTo("*");
                assertThat(patterns).as(ignore.toString()).doesNotContain("!target/", "!.git", "!k8s/");
            }
        }
    }

    @Test
    void composeDemoAgreesWithTheApplication() throws IOException {
        JsonNode compose = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build()
                .readTree(DOCKER.resolve("compose.yaml").toFile());
        JsonNode db = compose.path("services").path("db");
        JsonNode gateway = compose.path("services").path("gateway");

        assertThat(ManifestChecker.imageProblem(db.path("image").asText())).isNull();
        assertThat(db.path("image").asText()).contains("postgres:15.");
        assertThat(gateway.path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile.jvm");
        assertThat(gateway.path("depends_on").path("db").path("condition").asText()).isEqualTo("service_healthy");
        assertThat(gateway.path("environment").path("GATEWAY_SIMULATOR_ENABLED").asText()).isEqualTo("true");
        List<String> ports = new ArrayList<>();
        gateway.path("ports").forEach(p -> ports.add(p.asText()));
        assertThat(ports).contains(APP.httpPort() + ":" + APP.httpPort(), APP.managementPort() + ":" + APP.managementPort());
        assertThat(gateway.path("healthcheck").path("test").toString())
                .contains("/dev/tcp/127.0.0.1/" + APP.operationsPort(), "GET " + APP.readyPath() + " ");
        assertThat(AppSettings.duration(gateway.path("stop_grace_period").asText()))
                .isGreaterThan(APP.shutdownTimeout());
        assertThat(gateway.path("read_only").asBoolean()).isTrue();
        assertThat(db.path("ports").isMissingNode()).as("the demo database stays off the host").isTrue();
    }

    @Test
    void theObservabilityProfileScrapesTheGatewayAndProvisionsTheRulesAndTheDashboard() throws Exception {
        YAMLMapper yaml = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonNode services = yaml.readTree(DOCKER.resolve("compose.yaml").toFile()).path("services");
        JsonNode prometheus = services.path("prometheus");
        JsonNode grafana = services.path("grafana");

        for (JsonNode service : List.of(prometheus, grafana)) {
            assertThat(service.path("profiles").toString()).isEqualTo("[\"observability\"]");
            assertThat(ManifestChecker.imageProblem(service.path("image").asText())).isNull();
        }
        assertThat(services.path("gateway").has("profiles")).as("the demo itself runs without the profile").isFalse();
        Map<String, String> prometheusMounts = mounts(prometheus);
        Map<String, String> grafanaMounts = mounts(grafana);
        assertThat(prometheus.path("command").toString())
                .contains("--config.file=/etc/prometheus/prometheus.yml");

        // prometheus.yml: scrapes the gateway's management port and loads the rule file mounted next to it
        JsonNode config = yaml.readTree(DOCKER.resolve("prometheus.yml").toFile());
        assertThat(prometheusMounts).containsEntry("/etc/prometheus/prometheus.yml", "./prometheus.yml");
        JsonNode job = config.path("scrape_configs").get(0);
        assertThat(job.path("job_name").asText()).startsWith("license-gateway");
        assertThat(job.path("metrics_path").asText()).isEqualTo(APP.metricsPath());
        assertThat(job.path("static_configs").get(0).path("targets").get(0).asText())
                .isEqualTo("gateway:" + APP.operationsPort());
        String rules = config.path("rule_files").get(0).asText();
        assertThat(prometheusMounts).containsEntry("/etc/prometheus/" + rules, "../k8s/monitoring/alerts.yaml");

        // Grafana: the data source is that Prometheus, the dashboard provider reads the mounted dashboard
        JsonNode datasource = yaml.readTree(DOCKER.resolve("grafana/datasources.yaml").toFile()).path("datasources").get(0);
        assertThat(datasource.path("type").asText()).isEqualTo("prometheus");
        assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
        assertThat(prometheus.path("ports").toString()).contains("9090:9090");
        JsonNode provider = yaml.readTree(DOCKER.resolve("grafana/dashboards.yaml").toFile()).path("providers").get(0);
        String dashboards = provider.path("options").path("path").asText();
        assertThat(grafanaMounts).containsEntry(dashboards + "/license-gateway.json", "../k8s/monitoring/dashboard.json")
                .containsEntry("/etc/grafana/provisioning/datasources/license-gateway.yaml", "./grafana/datasources.yaml")
                .containsEntry("/etc/grafana/provisioning/dashboards/license-gateway.yaml", "./grafana/dashboards.yaml");
        for (String source : List.copyOf(prometheusMounts.values())) {
            if (source.startsWith(".")) {
                assertThat(DOCKER.resolve(source).normalize()).as("mounted file %s", source).isRegularFile();
            }
        }
        for (String source : List.copyOf(grafanaMounts.values())) {
            if (source.startsWith(".")) {
                assertThat(DOCKER.resolve(source).normalize()).as("mounted file %s", source).isRegularFile();
            }
        }
    }

    /** A service's volumes as container path to source (read-only bind mounts and named volumes alike). */
    private static Map<String, String> mounts(JsonNode service) {
        Map<String, String> mounts = new HashMap<>();
        service.path("volumes").forEach(v -> {
            String[] parts = v.asText().split(":");
            mounts.put(parts[1], parts[0]);
        });
        return mounts;
    }

    @Test
    void nativeAndJvmImagesStartTheSameWay() throws IOException {
        String runtime = Files.readString(DOCKER.resolve("Dockerfile.native"));
        String multiStage = Files.readString(DOCKER.resolve("Dockerfile.native-build"));
        assertThat(entrypoint(multiStage)).isEqualTo(entrypoint(runtime));
        assertThat(entrypoint(runtime)).contains("-Dquarkus.http.host=0.0.0.0", "-Dquarkus.management.host=0.0.0.0");
        assertThat(Files.readString(DOCKER.resolve("Dockerfile.jvm")))
                .contains("-Dquarkus.http.host=0.0.0.0", "-Dquarkus.management.host=0.0.0.0");
    }

    private static String entrypoint(String dockerfile) {
        return dockerfile.lines().filter(l -> l.startsWith("ENTRYPOINT")).reduce((a, b) -> b).orElse("");
    }
}
