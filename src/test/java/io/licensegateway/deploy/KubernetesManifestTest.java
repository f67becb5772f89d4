package io.licensegateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests under {@code k8s/} are valid, strict and in line with {@code application.properties}; and the
 * checks really reject what they claim to: each broken case below breaks one thing in a copy of {@code k8s/} and
 * expects a problem that names it.
 */
class KubernetesManifestTest {

    private static final Path K8S = Path.of("k8s");
    private static final AppSettings APP = AppSettings.read(Path.of("src/main/resources/application.properties"));

    @TempDir
    Path temp;

    @Test
    void applicationSettingsAreReadFromApplicationProperties() {
        assertThat(APP.httpPort()).isEqualTo(8080);
        assertThat(APP.managementEnabled()).isTrue();
        assertThat(APP.operationsPort()).isEqualTo(9000);
        assertThat(List.of(APP.startedPath(), APP.readyPath(), APP.livePath(), APP.metricsPath()))
                .containsExactly("/q/health/started", "/q/health/ready", "/q/health/live", "/q/metrics");
        assertThat(APP.shutdownTimeout()).isEqualTo(Duration.ofSeconds(25));
    }

    @Test
    void manifestsPassEveryCheck() {
        assertThat(ManifestChecker.check(K8S, APP)).as("problems in k8s/").isEmpty();
    }

    static Stream<Arguments> brokenManifests() {
        return Stream.of(
                broken("invalid YAML", "base/service.yaml",
                        "  type: ClusterIP", "  type: ClusterIP\n   selector: [",
                        "k8s/base/service.yaml", "is not valid YAML"),
                broken("duplicate key", "base/service.yaml",
                        "  type: ClusterIP", "  type: ClusterIP\n  type: NodePort",
                        "k8s/base/service.yaml", "is not valid YAML", "Duplicate field 'type'"),
                broken("misspelt field", "base/deployment.yaml",
                        "  replicas: 2", "  replcas: 2",
                        "Deployment license-gateway", "unknown field 'replcas' at spec.replcas"),
                broken("misspelt nested field", "base/deployment.yaml",
                        "            readOnlyRootFilesystem: true", "            readOnlyRootFileSystem: true",
                        "unknown field 'readOnlyRootFileSystem' at spec.template.spec.containers[0].securityContext"),
                broken("misspelt field in a patch", "overlays/native/kustomization.yaml",
                        "          requests:\n            cpu: 100m", "          requets:\n            cpu: 100m",
                        "kustomize k8s/overlays/native", "unknown field 'requets'"),
                broken("misspelt field in the ServiceMonitor", "base/servicemonitor.yaml",
                        "      path: /q/metrics", "      pth: /q/metrics",
                        "ServiceMonitor license-gateway", "Unrecognized field \"pth\""),
                broken("string where Kubernetes wants a number", "base/deployment.yaml",
                        "  replicas: 2", "  replicas: \"2\"",
                        "Deployment license-gateway", "does not match the schema of Deployment at spec.replicas"),
                broken("unsupported kind", "base/service.yaml",
                        "kind: Service", "kind: Ingress",
                        "has unsupported apiVersion/kind v1/Ingress"),
                broken("missing limits", "base/deployment.yaml",
                        "            limits:\n              cpu: \"1\"\n              memory: 768Mi\n", "",
                        "k8s/base/deployment.yaml Deployment license-gateway container license-gateway",
                        "has no memory limit"),
                broken("missing limits in an overlay", "overlays/native/kustomization.yaml",
                        "          limits:\n            cpu: 500m\n            memory: 256Mi\n", "",
                        "kustomize k8s/overlays/native Deployment license-gateway", "has no cpu limit"),
                broken("missing request", "base/deployment.yaml",
                        "            requests:\n              cpu: 250m\n", "            requests:\n",
                        "has no cpu request"),
                broken("request above limit", "overlays/jvm/kustomization.yaml",
                        "            memory: 384Mi", "            memory: 2Gi",
                        "kustomize k8s/overlays/jvm", "requests more memory (2Gi) than its limit (768Mi)"),
                broken("missing probe", "base/deployment.yaml",
                        "          startupProbe:\n            httpGet:\n              path: /q/health/started\n"
                                + "              port: management\n            periodSeconds: 3\n"
                                + "            timeoutSeconds: 2\n            failureThreshold: 40\n", "",
                        "container license-gateway", "has no startupProbe"),
                broken("probe that is not an HTTP health check", "base/deployment.yaml",
                        "          livenessProbe:\n            httpGet:\n              path: /q/health/live\n"
                                + "              port: management\n",
                        "          livenessProbe:\n            tcpSocket:\n              port: management\n",
                        "livenessProbe must be an httpGet on /q/health/live"),
                broken("probe on the wrong port", "base/deployment.yaml",
                        "              path: /q/health/ready\n              port: management",
                        "              path: /q/health/ready\n              port: http",
                        "readinessProbe port 'http' is 8080, but health is served on quarkus.management.port 9000"),
                broken("probe on the wrong path", "base/deployment.yaml",
                        "path: /q/health/started", "path: /health/started",
                        "startupProbe path /health/started is not the health endpoint /q/health/started"),
                broken("container port that the application does not use", "base/deployment.yaml",
                        "containerPort: 9000", "containerPort: 9001",
                        "declares no containerPort 9000 (quarkus.management.port)"),
                broken("runAsUser 0", "base/deployment.yaml",
                        "      securityContext:\n        runAsNonRoot: true\n",
                        "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 0\n",
                        "container license-gateway", "runs as root (runAsUser 0)"),
                broken("no runAsNonRoot", "base/deployment.yaml",
                        "runAsNonRoot: true", "runAsGroup: 1000",
                        "Deployment license-gateway container license-gateway", "may run as root"),
                broken("runAsNonRoot false in the container", "base/deployment.yaml",
                        "            runAsNonRoot: true\n", "            runAsNonRoot: false\n",
                        "may run as root"),
                broken("privilege escalation", "base/deployment.yaml",
                        "allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true",
                        "must set securityContext.allowPrivilegeEscalation: false"),
                broken("capabilities kept", "base/deployment.yaml",
                        "                - ALL", "                - NET_RAW",
                        "must drop ALL capabilities"),
                broken("no writable /tmp", "base/deployment.yaml",
                        "            - name: tmp\n              mountPath: /tmp\n", "",
                        "no writable /tmp"),
                broken("latest image", "base/deployment.yaml",
                        "ghcr.io/example/license-gateway:1.0.0", "ghcr.io/example/license-gateway:latest",
                        "k8s/base/deployment.yaml", "uses the moving tag 'latest'"),
                broken("image without tag", "base/deployment.yaml",
                        "ghcr.io/example/license-gateway:1.0.0", "ghcr.io/example/license-gateway",
                        "has no tag: pin a version tag or a digest"),
                broken("latest image in an overlay", "overlays/jvm/kustomization.yaml",
                        "newTag: 1.0.0", "newTag: latest",
                        "k8s/overlays/jvm/kustomization.yaml", "moving tag 'latest'"),
                broken("grace period not above the shutdown timeout", "base/deployment.yaml",
                        "terminationGracePeriodSeconds: 35", "terminationGracePeriodSeconds: 25",
                        "terminationGracePeriodSeconds 25, which is not above quarkus.shutdown.timeout 25s"),
                broken("real-looking secret", "base/secret-template.yaml",
                        "  EU1_PASSWORD: REPLACE_ME", "  EU1_PASSWORD: Tr0ub4dor&3",
                        "Secret license-gateway-config-creds", "stringData.EU1_PASSWORD holds a real-looking value"),
                broken("real-looking base64 secret", "base/secret-template.yaml",
                        "stringData:", "data:\n  DB_PASSWORD: aHVudGVyMg==\nstringData:",
                        "data.DB_PASSWORD holds a real-looking value"),
                broken("password literal in the ConfigMap", "base/configmap.yaml",
                        "password=${EU1_PASSWORD}", "password=hunter2",
                        "ConfigMap license-gateway-config",
                        "sets gateway.consoles.eu1.password to a literal; use a ${ENV_VAR} placeholder"),
                broken("configuration mounted where the native image does not look", "overlays/native/kustomization.yaml",
                        "        value: /work/config", "        value: /deployments/config",
                        "reads config/application.properties from /work/config"),
                broken("management port on the API Service", "base/service.yaml",
                        "      targetPort: http\n      protocol: TCP\n",
                        "      targetPort: http\n      protocol: TCP\n    - name: management\n      port: 9000\n"
                                + "      targetPort: management\n",
                        "Service license-gateway exposes both the API port and the management port"),
                broken("ServiceMonitor on the API port", "base/servicemonitor.yaml",
                        "    - port: management", "    - port: http",
                        "scrapes port 'http', which Service license-gateway-management does not have"),
                broken("management port open to everyone", "base/networkpolicy.yaml",
                        "            matchLabels:\n              kubernetes.io/metadata.name: monitoring\n", "            {}\n",
                        "admits the management port from everywhere"),
                broken("resource that does not exist", "base/kustomization.yaml",
                        "  - servicemonitor.yaml", "  - servicemonitor.yaml\n  - ingress.yaml",
                        "k8s/base/kustomization.yaml", "lists resource ingress.yaml, which does not exist"),
                broken("resource that no kustomization lists", "base/kustomization.yaml",
                        "  - networkpolicy.yaml\n", "",
                        "k8s/base/networkpolicy.yaml", "is not listed in any kustomization.yaml"),
                broken("kustomize feature the checker cannot render", "overlays/jvm/kustomization.yaml",
                        "images:", "namePrefix: prod-\nimages:",
                        "uses 'namePrefix', which KubernetesManifestTest cannot render"),
                broken("failing patch", "overlays/native/kustomization.yaml",
                        "volumeMounts/1/name\n        value: config", "volumeMounts/1/name\n        value: tmp",
                        "kustomize k8s/overlays/native", "patch of Deployment license-gateway fails: test"),
                broken("Service selecting nothing", "base/service-management.yaml",
                        "  selector:\n    app.kubernetes.io/name: license-gateway",
                        "  selector:\n    app.kubernetes.io/name: license-gatewy",
                        "Service license-gateway-management selects no pods"));
    }

    private static Arguments broken(String name, String file, String from, String to, String... expected) {
        return Arguments.of(name, file, from, to, List.of(expected));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("brokenManifests")
    void rejectsBrokenManifest(String name, String file, String from, String to, List<String> expected) {
        Path copy = copyOfK8s();
        Path target = copy.resolve(file);
        String text = read(target);
        assertThat(text).as("the text to break in " + file).contains(from);
        write(target, text.replace(from, to)); // every occurrence

        List<String> problems = ManifestChecker.check(copy, APP);

        assertThat(problems).as("problems after breaking: " + name)
                .anySatisfy(problem -> assertThat(problem).contains(expected));
    }

    @Test
    void rejectsManifestsThatDisagreeWithApplicationProperties() {
        AppSettings moved = new AppSettings(8081, 9090, true, "/q/health/started", "/q/health/ready", "/q/health/live",
                "/q/metrics", Duration.ofSeconds(40));

        List<String> problems = ManifestChecker.check(K8S, moved);

        assertThat(problems)
                .anySatisfy(p -> assertThat(p).contains("declares no containerPort 8081 (quarkus.http.port)"))
                .anySatisfy(p -> assertThat(p).contains("declares no containerPort 9090 (quarkus.management.port)"))
                .anySatisfy(p -> assertThat(p).contains("startupProbe port 'management' is 9000",
                        "quarkus.management.port 9090"))
                .anySatisfy(p -> assertThat(p).contains("not above quarkus.shutdown.timeout 40s"));
    }

    @Test
    void rejectsAnUnlistedResourceFile() {
        Path copy = copyOfK8s();
        write(copy.resolve("base/extra.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: forgotten
                data: {}
                """);

        assertThat(ManifestChecker.check(copy, APP))
                .containsExactly("k8s/base/extra.yaml: is not listed in any kustomization.yaml");
    }

    @Test
    void readsQuarkusDurations() {
        assertThat(AppSettings.duration("25s")).isEqualTo(Duration.ofSeconds(25));
        assertThat(AppSettings.duration("25")).isEqualTo(Duration.ofSeconds(25));
        assertThat(AppSettings.duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(AppSettings.duration("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(AppSettings.duration("PT30S")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void imagesMustBePinned() {
        assertThat(ManifestChecker.imageProblem("ghcr.io/example/license-gateway:1.0.0")).isNull();
        assertThat(ManifestChecker.imageProblem("localhost:5000/license-gateway:1.0.0-native")).isNull();
        assertThat(ManifestChecker.imageProblem("ghcr.io/example/license-gateway@sha256:" + "a".repeat(64))).isNull();
        assertThat(ManifestChecker.imageProblem("localhost:5000/license-gateway")).contains("has no tag");
        assertThat(ManifestChecker.imageProblem("license-gateway:LATEST")).contains("'latest'");
        assertThat(ManifestChecker.imageProblem("license-gateway@sha256:abc")).contains("malformed digest");
    }

    private Path copyOfK8s() {
        Path copy = temp.resolve("k8s");
        try (Stream<Path> files = Files.walk(K8S)) {
            for (Path source : files.toList()) {
                Path target = copy.resolve(K8S.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return copy;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
