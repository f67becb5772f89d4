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
class ContainerFilesTests {

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
