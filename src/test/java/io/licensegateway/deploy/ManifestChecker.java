package io.licensegateway.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Image;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Kustomization;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Patch;
import io.fabric8.kubernetes.api.model.kustomize.v1beta1.Selector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Checks the YAML under {@code k8s/}: every document is parsed strictly into its typed model (fabric8, or
 * {@link ServiceMonitor}), so a misspelt or unknown field is an error; the resources are checked against the
 * project's rules and against {@link AppSettings}; every {@code kustomization.yaml} is checked and rendered (the
 * subset of kustomize the project uses: resources, images, JSON 6902 patches, namespace), and what an overlay
 * changes is checked again, together with the references between resources.
 *
 * <p>
 * {@link #check} answers the list of problems found, each naming the file or kustomization, the resource and the
 * problem; empty means all is well.
 */
final class ManifestChecker {

    /** The kinds the manifests may hold, by {@code apiVersion/kind}. */
    private static final Map<String, Class<?>> KINDS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class));

    private static final String KUSTOMIZE_API_VERSION = "kustomize.config.k8s.io/v1beta1";
    private static final Pattern PLACEHOLDER = Pattern.compile("(?i)(REPLACE_?ME|CHANGE_?ME)[-_.:A-Za-z0-9]*|<[^<>]*>");
    private static final Pattern SECRET_ENV_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|API_?KEY|CREDENTIALS?)$");
    private static final Pattern SECRET_PROPERTY = Pattern.compile("(?i).*(password|secret|token|api-?key|credentials?)$");
    private static final String JVM_CONFIG_DIR = "/deployments/config";
    private static final String NATIVE_CONFIG_DIR = "/work/config";

    private final Path k8sDir;
    private final AppSettings app;
    private final ObjectMapper trees;
    private final ObjectMapper strict;
    private final Set<String> problems = new LinkedHashSet<>();
    private final Map<Path, List<ObjectNode>> resourceFiles = new TreeMap<>();
    private final Map<Path, Kustomization> kustomizations = new TreeMap<>();

    private ManifestChecker(Path k8sDir, AppSettings app) {
        this.k8sDir = k8sDir.toAbsolutePath().normalize();
        this.app = app;
        this.trees = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .build();
        // Kubernetes does not turn 1 into "1" or "true" into true, so neither may the check.
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        this.strict = mapper;
    }

    /** All problems in the YAML under {@code k8sDir}; empty when there are none. */
    static List<String> check(Path k8sDir, AppSettings app) {
        ManifestChecker checker = new ManifestChecker(k8sDir, app);
        checker.run();
        return List.copyOf(checker.problems);
    }

    private void run() {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(k8sDir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list " + k8sDir, e);
        }
        if (files.isEmpty()) {
            problem(display(k8sDir), "holds no YAML files");
        }
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (name.equals("kustomization.yaml") || name.equals("kustomization.yml")) {
                loadKustomization(file);
            } else if (isPrometheusFile(file)) {
                // a plain rule file or promtool's unit tests (k8s/monitoring): PrometheusRulesTest checks them
            } else {
                loadResources(file);
            }
        }
        resourceFiles.forEach((file, docs) -> docs.forEach(doc -> {
            String where = display(file) + " " + describe(doc);
            Object resource = typed(doc, where);
            if (resource != null) {
                checkResource(resource, where);
            }
        }));
        kustomizations.forEach(this::checkKustomization);
        checkEveryFileIsDeployed();
        kustomizations.keySet().forEach(this::checkRendered);
    }

    // ---------------------------------------------------------------- loading

    /** A Prometheus rule file ({@code groups}) or promtool test file ({@code rule_files}): no Kubernetes resource. */
    private boolean isPrometheusFile(Path file) {
        List<JsonNode> docs = readDocuments(file);
        return docs != null && docs.size() == 1 && !docs.get(0).has("kind")
                && (docs.get(0).has("groups") || docs.get(0).has("rule_files"));
    }

    private List<JsonNode> readDocuments(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = trees.readerFor(JsonNode.class)
                .readValues(Files.readString(file, StandardCharsets.UTF_8))) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
        } catch (IOException | RuntimeException e) {
            problem(display(file), "is not valid YAML: " + firstLine(e.getMessage()));
            return null;
        }
        return docs;
    }

    private void loadResources(Path file) {
        List<JsonNode> docs = readDocuments(file);
        if (docs == null) {
            return;
        }
        List<ObjectNode> resources = new ArrayList<>();
        for (JsonNode doc : docs) {
            if (doc instanceof ObjectNode object) {
                resources.add(object);
            } else {
                problem(display(file), "holds a YAML document that is not a Kubernetes resource (a mapping)");
            }
        }
        if (resources.isEmpty()) {
            problem(display(file), "holds no Kubernetes resource");
        }
        resourceFiles.put(file, resources);
    }

    private void loadKustomization(Path file) {
        List<JsonNode> docs = readDocuments(file);
        if (docs == null) {
            return;
        }
        if (docs.size() != 1) {
            problem(display(file), "must hold exactly one YAML document");
            return;
        }
        String where = display(file);
        Kustomization kustomization = strictValue(docs.get(0), Kustomization.class, where);
        if (kustomization != null) {
            unknownFields(kustomization, "", where);
            kustomizations.put(file.getParent(), kustomization);
        }
    }

    private Object typed(JsonNode doc, String where) {
        String apiVersion = doc.path("apiVersion").isTextual() ? doc.path("apiVersion").asText() : null;
        String kind = doc.path("kind").isTextual() ? doc.path("kind").asText() : null;
        if (apiVersion == null || kind == null) {
            problem(where, "has no apiVersion or kind");
            return null;
        }
        Class<?> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            problem(where, "has unsupported apiVersion/kind " + apiVersion + "/" + kind
                    + "; KubernetesManifestTest knows " + new TreeMap<>(KINDS).keySet());
            return null;
        }
        Object resource = strictValue(doc, type, where);
        if (resource == null) {
            return null;
        }
        unknownFields(resource, "", where);
        String name = doc.path("metadata").path("name").asText("");
        if (name.isBlank()) {
            problem(where, "has no metadata.name");
        }
        if (doc.path("metadata").has("namespace")) {
            problem(where, "sets metadata.namespace; leave the namespace to kubectl or the overlay");
        }
        return resource;
    }

    private <T> T strictValue(JsonNode doc, Class<T> type, String where) {
        try {
            return strict.treeToValue(doc, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String path = e instanceof JsonMappingException m ? jsonPath(m.getPath()) : "";
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            problem(where, "does not match the schema of " + type.getSimpleName()
                    + (path.isEmpty() ? "" : " at " + path) + ": " + firstLine(message));
            return null;
        }
    }

    /**
     * fabric8's models keep unknown fields in an {@code additionalProperties} map instead of failing, so
     * {@code FAIL_ON_UNKNOWN_PROPERTIES} alone lets a misspelt field through. Walks the parsed object graph the way
     * Jackson sees it and reports every non-empty {@code additionalProperties}.
     */
    private void unknownFields(Object value, String path, String where) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof JsonNode) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> unknownFields(item, join(path, String.valueOf(key)), where));
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", where);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.fabric8.") && !type.isRecord()) {
            return;
        }
        try {
            Method getter = type.getMethod("getAdditionalProperties");
            if (getter.invoke(value) instanceof Map<?, ?> extra && !extra.isEmpty()) {
                for (Object key : extra.keySet()) {
                    problem(where, "has unknown field '" + key + "' at " + join(path, String.valueOf(key))
                            + " (misspelt, or not in the " + schemaName(type) + " schema)");
                }
            }
        } catch (NoSuchMethodException e) {
            // no catch-all: Jackson already failed on unknown fields
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
        BeanDescription description = strict.getSerializationConfig().introspect(strict.constructType(type));
        for (BeanPropertyDefinition property : description.findProperties()) {
            AnnotatedMember accessor = property.getAccessor();
            if (accessor != null) {
                unknownFields(accessor.getValue(value), join(path, property.getName()), where);
            }
        }
    }

    // ---------------------------------------------------------------- single resources

    private void checkResource(Object resource, String where) {
        if (resource instanceof Deployment deployment) {
            checkDeployment(deployment, where);
        } else if (resource instanceof Service service) {
            checkService(service, where);
        } else if (resource instanceof Secret secret) {
            checkSecret(secret, where);
        } else if (resource instanceof ConfigMap configMap) {
            checkConfigMap(configMap, where);
        } else if (resource instanceof ServiceAccount account) {
            if (!Boolean.FALSE.equals(account.getAutomountServiceAccountToken())) {
                problem(where, "mounts an API token into every pod: set automountServiceAccountToken: false");
            }
        } else if (resource instanceof HorizontalPodAutoscaler hpa) {
            checkAutoscaler(hpa, where);
        } else if (resource instanceof PodDisruptionBudget pdb) {
            if (pdb.getSpec() == null || pdb.getSpec().getSelector() == null
                    || pdb.getSpec().getMinAvailable() == null && pdb.getSpec().getMaxUnavailable() == null) {
                problem(where, "needs a selector and minAvailable or maxUnavailable");
            }
        } else if (resource instanceof NetworkPolicy policy) {
            checkNetworkPolicy(policy, where);
        } else if (resource instanceof ServiceMonitor monitor) {
            checkServiceMonitor(monitor, where);
        } else if (resource instanceof PrometheusRule rule) {
            if (rule.spec() == null || rule.spec().groups() == null || rule.spec().groups().isEmpty()) {
                problem(where, "needs spec.groups");
            }
        }
    }

    private void checkDeployment(Deployment deployment, String where) {
        if (deployment.getSpec() == null || deployment.getSpec().getTemplate() == null
                || deployment.getSpec().getTemplate().getSpec() == null) {
            problem(where, "has no pod template");
            return;
        }
        Map<String, String> podLabels = labels(deployment.getSpec().getTemplate().getMetadata());
        if (!selects(deployment.getSpec().getSelector(), podLabels)) {
            problem(where, "has a selector that does not match its own pod template labels");
        }
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        checkGracePeriod(pod, where);
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID())
                || Boolean.TRUE.equals(pod.getHostIPC())) {
            problem(where, "shares the node's network, PID or IPC namespace");
        }
        if (pod.getContainers().isEmpty()) {
            problem(where, "has no containers");
        }
        for (Container container : pod.getContainers()) {
            checkContainer(container, pod, where + " container " + container.getName(), true);
        }
        for (Container container : pod.getInitContainers()) {
            checkContainer(container, pod, where + " init container " + container.getName(), false);
        }
    }

    private void checkGracePeriod(PodSpec pod, String where) {
        long preStop = pod.getContainers().stream()
                .map(c -> c.getLifecycle() == null || c.getLifecycle().getPreStop() == null
                        || c.getLifecycle().getPreStop().getSleep() == null ? null
                                : c.getLifecycle().getPreStop().getSleep().getSeconds())
                .filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(0);
        Duration needed = app.shutdownTimeout().plusSeconds(preStop);
        String explained = "quarkus.shutdown.timeout " + human(app.shutdownTimeout())
                + (preStop > 0 ? " plus the preStop pause " + preStop + "s" : "");
        Long grace = pod.getTerminationGracePeriodSeconds();
        if (grace == null) {
            problem(where, "does not set terminationGracePeriodSeconds; it must be above " + explained);
        } else if (Duration.ofSeconds(grace).compareTo(needed) <= 0) {
            problem(where, "has terminationGracePeriodSeconds " + grace + ", which is not above " + explained
                    + ": in-flight requests would be killed");
        }
    }

    private void checkContainer(Container container, PodSpec pod, String at, boolean main) {
        String imageProblem = imageProblem(container.getImage());
        if (imageProblem != null) {
            problem(at, imageProblem);
        }
        checkResources(container.getResources(), at);
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (ContainerPort port : container.getPorts()) {
            if (port.getName() != null) {
                ports.put(port.getName(), port.getContainerPort());
            }
        }
        if (main) {
            Set<Integer> declared = container.getPorts().stream().map(ContainerPort::getContainerPort)
                    .collect(Collectors.toSet());
            if (!declared.contains(app.httpPort())) {
                problem(at, "declares no containerPort " + app.httpPort() + " (quarkus.http.port)");
            }
            if (app.managementEnabled() && !declared.contains(app.managementPort())) {
                problem(at, "declares no containerPort " + app.managementPort() + " (quarkus.management.port)");
            }
            for (Integer port : declared) {
                if (port != app.httpPort() && !(app.managementEnabled() && port == app.managementPort())) {
                    problem(at, "declares containerPort " + port + ", which is neither quarkus.http.port "
                            + app.httpPort() + " nor quarkus.management.port " + app.managementPort());
                }
            }
            checkProbe("startupProbe", container.getStartupProbe(), app.startedPath(), ports, at);
            checkProbe("readinessProbe", container.getReadinessProbe(), app.readyPath(), ports, at);
            checkProbe("livenessProbe", container.getLivenessProbe(), app.livePath(), ports, at);
            checkConfigMount(container, pod, at);
        }
        checkSecurity(container, pod.getSecurityContext(), at);
        for (EnvVar env : container.getEnv()) {
            if (env.getValue() != null && !env.getValue().isEmpty() && SECRET_ENV_NAME.matcher(env.getName()).matches()) {
                problem(at, "sets " + env.getName() + " as a literal value; take it from a Secret (envFrom or valueFrom)");
            }
        }
    }

    private void checkResources(ResourceRequirements resources, String at) {
        Map<String, Quantity> requests = resources == null ? Map.of() : resources.getRequests();
        Map<String, Quantity> limits = resources == null ? Map.of() : resources.getLimits();
        for (String resource : List.of("cpu", "memory")) {
            Quantity request = requests.get(resource);
            Quantity limit = limits.get(resource);
            if (request == null) {
                problem(at, "has no " + resource + " request (resources.requests." + resource + ")");
            }
            if (limit == null) {
                problem(at, "has no " + resource + " limit (resources.limits." + resource + ")");
            }
            if (request != null && limit != null) {
                try {
                    if (request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                        problem(at, "requests more " + resource + " (" + request + ") than its limit (" + limit + ")");
                    }
                } catch (IllegalArgumentException e) {
                    problem(at, "has an invalid " + resource + " quantity: " + e.getMessage());
                }
            }
        }
    }

    private void checkProbe(String name, Probe probe, String expectedPath, Map<String, Integer> ports, String at) {
        if (probe == null) {
            problem(at, "has no " + name);
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null) {
            problem(at, name + " must be an httpGet on " + expectedPath);
            return;
        }
        Integer port = resolve(get.getPort(), ports);
        if (port == null) {
            problem(at, name + " port " + text(get.getPort()) + " names no port of the container");
        } else if (port != app.operationsPort()) {
            problem(at, name + " port " + text(get.getPort()) + " is " + port + ", but health is served on "
                    + (app.managementEnabled() ? "quarkus.management.port " : "quarkus.http.port ") + app.operationsPort());
        }
        if (!expectedPath.equals(get.getPath())) {
            problem(at, name + " path " + get.getPath() + " is not the health endpoint " + expectedPath);
        }
    }

    /** The working directory's {@code config/application.properties} overrides the packaged one. */
    private void checkConfigMount(Container container, PodSpec pod, String at) {
        boolean nativeImage = container.getImage() != null && container.getImage().contains("native");
        String expected = nativeImage ? NATIVE_CONFIG_DIR : JVM_CONFIG_DIR;
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst()
                    .orElse(null);
            if (volume == null) {
                problem(at, "mounts volume " + mount.getName() + ", which the pod does not define");
                continue;
            }
            if (volume.getConfigMap() == null) {
                continue;
            }
            boolean holdsProperties = volume.getConfigMap().getItems().isEmpty()
                    || volume.getConfigMap().getItems().stream().anyMatch(i -> "application.properties".equals(i.getPath()));
            if (holdsProperties && !expected.equals(mount.getMountPath())) {
                problem(at, "mounts ConfigMap " + volume.getConfigMap().getName() + " at " + mount.getMountPath()
                        + ", but the " + (nativeImage ? "native" : "JVM") + " image reads config/application.properties from "
                        + expected);
            }
        }
    }

    private void checkSecurity(Container container, PodSecurityContext pod, String at) {
        SecurityContext own = container.getSecurityContext() == null ? new SecurityContext() : container.getSecurityContext();
        PodSecurityContext shared = pod == null ? new PodSecurityContext() : pod;
        Long user = own.getRunAsUser() != null ? own.getRunAsUser() : shared.getRunAsUser();
        Boolean nonRoot = own.getRunAsNonRoot() != null ? own.getRunAsNonRoot() : shared.getRunAsNonRoot();
        if (user != null && user == 0) {
            problem(at, "runs as root (runAsUser 0)");
        }
        if (!Boolean.TRUE.equals(nonRoot)) {
            problem(at, "may run as root: set runAsNonRoot: true (pod or container securityContext)");
        }
        if (!Boolean.FALSE.equals(own.getAllowPrivilegeEscalation())) {
            problem(at, "must set securityContext.allowPrivilegeEscalation: false");
        }
        if (Boolean.TRUE.equals(own.getPrivileged())) {
            problem(at, "is privileged");
        }
        if (!Boolean.TRUE.equals(own.getReadOnlyRootFilesystem())) {
            problem(at, "must set securityContext.readOnlyRootFilesystem: true");
        } else if (container.getVolumeMounts().stream().noneMatch(m -> "/tmp".equals(m.getMountPath()))) {
            problem(at, "has a read-only root filesystem but no writable /tmp: mount an emptyDir there");
        }
        if (own.getCapabilities() == null || !own.getCapabilities().getDrop().contains("ALL")) {
            problem(at, "must drop ALL capabilities (securityContext.capabilities.drop)");
        } else if (!own.getCapabilities().getAdd().isEmpty()) {
            problem(at, "adds capabilities " + own.getCapabilities().getAdd());
        }
        SeccompProfile seccomp = own.getSeccompProfile() != null ? own.getSeccompProfile() : shared.getSeccompProfile();
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
            problem(at, "needs seccompProfile type RuntimeDefault");
        }
    }

    private void checkService(Service service, String where) {
        if (service.getSpec() == null || service.getSpec().getSelector().isEmpty()) {
            problem(where, "has no selector");
        }
    }

    private void checkSecret(Secret secret, String where) {
        secret.getData().forEach((key, encoded) -> {
            String value;
            try {
                value = new String(Base64.getDecoder().decode(encoded.strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problem(where, "data." + key + " is not valid base64");
                return;
            }
            if (!placeholder(value)) {
                problem(where, "data." + key + " holds a real-looking value; a committed Secret may only hold "
                        + "placeholders such as REPLACE_ME, or nothing");
            }
        });
        secret.getStringData().forEach((key, value) -> {
            if (!placeholder(value)) {
                problem(where, "stringData." + key + " holds a real-looking value; a committed Secret may only hold "
                        + "placeholders such as REPLACE_ME, or nothing");
            }
        });
    }

    private static boolean placeholder(String value) {
        return value == null || value.isBlank() || PLACEHOLDER.matcher(value.strip()).matches();
    }

    private void checkConfigMap(ConfigMap configMap, String where) {
        configMap.getData().forEach((key, value) -> {
            if (key.endsWith(".properties")) {
                Properties properties = new Properties();
                try {
                    properties.load(new StringReader(value));
                } catch (IOException | IllegalArgumentException e) {
                    problem(where, "data." + key + " is not a valid properties file: " + e.getMessage());
                    return;
                }
                for (String name : properties.stringPropertyNames()) {
                    String literal = properties.getProperty(name).strip();
                    if (SECRET_PROPERTY.matcher(name).matches() && !literal.isEmpty() && !literal.matches("\\$\\{[^}]+}")) {
                        problem(where, "data." + key + " sets " + name + " to a literal; use a ${ENV_VAR} placeholder "
                                + "and put the value in the Secret");
                    }
                }
            } else if (SECRET_ENV_NAME.matcher(key).matches() && !value.isEmpty()) {
                problem(where, "data." + key + " looks like a secret; ConfigMaps are not for secrets");
            }
        });
    }

    private void checkAutoscaler(HorizontalPodAutoscaler hpa, String where) {
        var spec = hpa.getSpec();
        if (spec == null || spec.getScaleTargetRef() == null) {
            problem(where, "has no scaleTargetRef");
            return;
        }
        int min = spec.getMinReplicas() == null ? 1 : spec.getMinReplicas();
        if (spec.getMaxReplicas() == null || spec.getMaxReplicas() < min) {
            problem(where, "has maxReplicas below minReplicas");
        }
        if (spec.getMetrics().isEmpty()) {
            problem(where, "has no metrics");
        }
    }

    private void checkNetworkPolicy(NetworkPolicy policy, String where) {
        if (policy.getSpec() == null || policy.getSpec().getPodSelector() == null) {
            problem(where, "has no podSelector");
        }
    }

    private void checkServiceMonitor(ServiceMonitor monitor, String where) {
        if (monitor.spec() == null || monitor.spec().selector() == null || monitor.spec().endpoints() == null
                || monitor.spec().endpoints().isEmpty()) {
            problem(where, "needs spec.selector and spec.endpoints");
            return;
        }
        for (ServiceMonitor.Endpoint endpoint : monitor.spec().endpoints()) {
            if (endpoint.port() == null) {
                problem(where, "endpoint has no port name");
            }
            if (!app.metricsPath().equals(endpoint.path())) {
                problem(where, "endpoint path " + endpoint.path() + " is not the metrics endpoint " + app.metricsPath());
            }
        }
    }

    static String imageProblem(String image) {
        if (image == null || image.isBlank()) {
            return "has no image";
        }
        int at = image.indexOf('@');
        if (at >= 0) {
            return image.substring(at + 1).matches("sha256:[0-9a-f]{64}") ? null
                    : "image " + image + " has a malformed digest";
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return "image " + image + " has no tag: pin a version tag or a digest";
        }
        if (image.substring(colon + 1).equalsIgnoreCase("latest")) {
            return "image " + image + " uses the moving tag 'latest': pin a version tag or a digest";
        }
        return null;
    }

    // ---------------------------------------------------------------- kustomize

    private static final Set<String> SUPPORTED_KUSTOMIZE = Set.of("apiVersion", "kind", "resources", "images", "patches",
            "namespace", "metadata");

    private void checkKustomization(Path dir, Kustomization kustomization) {
        String where = display(dir.resolve("kustomization.yaml"));
        if (!KUSTOMIZE_API_VERSION.equals(kustomization.getApiVersion()) || !"Kustomization".equals(kustomization.getKind())) {
            problem(where, "must be apiVersion " + KUSTOMIZE_API_VERSION + ", kind Kustomization");
        }
        JsonNode tree = strict.valueToTree(kustomization);
        tree.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED_KUSTOMIZE.contains(field)) {
                problem(where, "uses '" + field + "', which KubernetesManifestTest cannot render; extend the checker "
                        + "or keep to resources, images, patches (JSON 6902) and namespace");
            }
        });
        for (String resource : kustomization.getResources()) {
            Path target = dir.resolve(resource).normalize();
            if (Files.isDirectory(target)) {
                if (!kustomizations.containsKey(target)) {
                    problem(where, "lists resource " + resource + ", a directory without kustomization.yaml");
                }
            } else if (!Files.isRegularFile(target)) {
                problem(where, "lists resource " + resource + ", which does not exist");
            } else if (!resourceFiles.containsKey(target)) {
                problem(where, "lists resource " + resource + ", which is not a YAML file of Kubernetes resources");
            }
        }
        for (Patch patch : kustomization.getPatches()) {
            if (patch.getPath() != null && !Files.isRegularFile(dir.resolve(patch.getPath()))) {
                problem(where, "has a patch " + patch.getPath() + " that does not exist");
            }
        }
        for (Image image : kustomization.getImages()) {
            if (image.getName() == null || image.getName().isBlank()) {
                problem(where, "has an images entry without name");
            }
            if (image.getNewTag() != null && image.getNewTag().equalsIgnoreCase("latest")) {
                problem(where, "sets image " + image.getName() + " to the moving tag 'latest': pin a version tag or a digest");
            }
            if (image.getNewTag() != null && image.getNewTag().isBlank()
                    || image.getDigest() != null && !image.getDigest().matches("sha256:[0-9a-f]{64}")) {
                problem(where, "sets image " + image.getName() + " to an empty tag or a malformed digest");
            }
        }
    }

    /** Files of resources that no kustomization deploys are forgotten, except Secret templates applied by hand. */
    private void checkEveryFileIsDeployed() {
        Set<Path> listed = new LinkedHashSet<>();
        kustomizations.forEach((dir, k) -> k.getResources().forEach(r -> listed.add(dir.resolve(r).normalize())));
        resourceFiles.forEach((file, docs) -> {
            boolean secretsOnly = docs.stream().allMatch(d -> "Secret".equals(d.path("kind").asText()));
            if (!listed.contains(file) && !secretsOnly) {
                problem(display(file), "is not listed in any kustomization.yaml");
            }
        });
    }

    private record Rendered(ObjectNode tree, JsonNode original, String origin) {
        boolean changed() {
            return !tree.equals(original);
        }
    }

    private void checkRendered(Path dir) {
        String where = "kustomize " + display(dir);
        List<Rendered> rendered = render(dir, new ArrayDeque<>(), where);
        Map<String, Object> typed = new LinkedHashMap<>();
        boolean complete = true;
        for (Rendered resource : rendered) {
            String id = describe(resource.tree());
            if (typed.containsKey(id)) {
                problem(where, "renders " + id + " twice");
                continue;
            }
            Object value;
            if (resource.changed()) {
                String at = where + " " + id + " (from " + resource.origin() + ")";
                value = typed(resource.tree(), at);
                if (value != null) {
                    checkResource(value, at);
                }
            } else {
                value = quietTyped(resource.tree());
            }
            if (value != null) {
                typed.put(id, value);
            } else {
                complete = false;
            }
        }
        if (complete) { // otherwise the references would fail for a reason already reported
            checkReferences(typed.values(), where);
        }
    }

    private Object quietTyped(JsonNode doc) {
        Class<?> type = KINDS.get(doc.path("apiVersion").asText() + "/" + doc.path("kind").asText());
        try {
            return type == null ? null : strict.treeToValue(doc, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null; // reported with its file
        }
    }

    private List<Rendered> render(Path dir, Deque<Path> stack, String where) {
        Kustomization kustomization = kustomizations.get(dir);
        if (kustomization == null) {
            return List.of();
        }
        if (stack.contains(dir)) {
            problem(where, "has a cycle of kustomizations through " + display(dir));
            return List.of();
        }
        stack.push(dir);
        List<Rendered> out = new ArrayList<>();
        for (String resource : kustomization.getResources()) {
            Path target = dir.resolve(resource).normalize();
            if (kustomizations.containsKey(target)) {
                out.addAll(render(target, stack, where));
            } else {
                for (ObjectNode doc : resourceFiles.getOrDefault(target, List.of())) {
                    out.add(new Rendered(doc.deepCopy(), doc, display(target)));
                }
            }
        }
        stack.pop();
        for (Patch patch : kustomization.getPatches()) {
            applyPatch(patch, dir, out, where);
        }
        for (Image image : kustomization.getImages()) {
            setImage(image, out);
        }
        if (kustomization.getNamespace() != null) {
            out.forEach(r -> ((ObjectNode) r.tree().path("metadata")).put("namespace", kustomization.getNamespace()));
        }
        return out;
    }

    private void applyPatch(Patch patch, Path dir, List<Rendered> resources, String where) {
        Selector target = patch.getTarget();
        if (target == null || target.getKind() == null) {
            problem(where, "has a patch without target kind; KubernetesManifestTest renders only JSON 6902 patches "
                    + "with a target");
            return;
        }
        String text;
        try {
            text = patch.getPatch() != null ? patch.getPatch()
                    : Files.readString(dir.resolve(Objects.requireNonNull(patch.getPath())), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            problem(where, "has a patch without content");
            return;
        }
        JsonNode operations;
        try {
            operations = trees.readTree(text);
        } catch (IOException e) {
            problem(where, "has a patch that is not valid YAML: " + firstLine(e.getMessage()));
            return;
        }
        if (!(operations instanceof ArrayNode)) {
            problem(where, "has a strategic-merge patch; KubernetesManifestTest renders only JSON 6902 patches "
                    + "(a list of operations)");
            return;
        }
        List<Rendered> matched = resources.stream().filter(r -> targets(target, r.tree())).toList();
        if (matched.isEmpty()) {
            problem(where, "has a patch for " + target.getKind() + " " + target.getName() + ", which it does not contain");
        }
        for (Rendered resource : matched) {
            for (JsonNode operation : operations) {
                String failure = applyOperation(resource.tree(), operation);
                if (failure != null) {
                    problem(where, "patch of " + describe(resource.tree()) + " fails: " + failure);
                    break;
                }
            }
        }
    }

    private static boolean targets(Selector target, JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return target.getKind().equals(resource.path("kind").asText())
                && (target.getName() == null || target.getName().equals(resource.path("metadata").path("name").asText()))
                && (target.getGroup() == null || target.getGroup().equals(group))
                && (target.getVersion() == null || target.getVersion().equals(version));
    }

    /** One RFC 6902 operation (add, remove, replace, test) on a resource; answers why it failed, or null. */
    private static String applyOperation(ObjectNode document, JsonNode operation) {
        String op = operation.path("op").asText();
        String path = operation.path("path").asText(null);
        if (path == null) {
            return "operation " + operation + " has no path";
        }
        JsonPointer pointer = JsonPointer.compile(path);
        if (pointer.matches()) {
            return "operations on the whole document are not supported";
        }
        JsonNode parent = document.at(pointer.head());
        String key = pointer.last().getMatchingProperty();
        int index = pointer.last().getMatchingIndex();
        JsonNode value = operation.get("value");
        switch (op) {
            case "test" -> {
                JsonNode found = document.at(pointer);
                return Objects.equals(found, value) ? null
                        : "test " + path + " expected " + value + " but found " + (found.isMissingNode() ? "nothing" : found);
            }
            case "add", "replace" -> {
                if (value == null) {
                    return op + " " + path + " has no value";
                }
                if (parent instanceof ObjectNode object) {
                    if (op.equals("replace") && !object.has(key)) {
                        return "replace " + path + ": no such field";
                    }
                    object.set(key, value.deepCopy());
                    return null;
                }
                if (parent instanceof ArrayNode array) {
                    if (op.equals("add") && "-".equals(key)) {
                        array.add(value.deepCopy());
                        return null;
                    }
                    int limit = op.equals("add") ? array.size() : array.size() - 1;
                    if (index < 0 || index > limit) {
                        return op + " " + path + ": index out of range";
                    }
                    if (op.equals("add")) {
                        array.insert(index, value.deepCopy());
                    } else {
                        array.set(index, value.deepCopy());
                    }
                    return null;
                }
                return op + " " + path + ": no such parent";
            }
            case "remove" -> {
                if (parent instanceof ObjectNode object && object.has(key)) {
                    object.remove(key);
                    return null;
                }
                if (parent instanceof ArrayNode array && index >= 0 && index < array.size()) {
                    array.remove(index);
                    return null;
                }
                return "remove " + path + ": nothing there";
            }
            default -> {
                return "operation '" + op + "' is not supported by KubernetesManifestTest";
            }
        }
    }

    private static void setImage(Image image, List<Rendered> resources) {
        for (Rendered resource : resources) {
            JsonNode pod = resource.tree().path("spec").path("template").path("spec");
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode container : pod.path(list)) {
                    String current = container.path("image").asText("");
                    if (imageName(current).equals(image.getName())) {
                        String name = image.getNewName() != null ? image.getNewName() : image.getName();
                        String suffix = image.getDigest() != null ? "@" + image.getDigest()
                                : image.getNewTag() != null ? ":" + image.getNewTag()
                                        : current.substring(imageName(current).length());
                        ((ObjectNode) container).set("image", TextNode.valueOf(name + suffix));
                    }
                }
            }
        }
    }

    private static String imageName(String image) {
        int at = image.indexOf('@');
        String withoutDigest = at >= 0 ? image.substring(0, at) : image;
        int colon = withoutDigest.lastIndexOf(':');
        return colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    // ---------------------------------------------------------------- references between resources

    private void checkReferences(java.util.Collection<Object> resources, String where) {
        List<Deployment> deployments = ofType(resources, Deployment.class);
        List<Service> services = ofType(resources, Service.class);
        Function<Map<String, String>, List<Deployment>> podsOf = selector -> deployments.stream()
                .filter(d -> selector != null && !selector.isEmpty()
                        && labels(d.getSpec().getTemplate().getMetadata()).entrySet().containsAll(selector.entrySet()))
                .toList();
        Set<String> names = resources.stream().map(ManifestChecker::id).collect(Collectors.toSet());

        for (Deployment deployment : deployments) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            String account = pod.getServiceAccountName();
            if (account != null && !names.contains("ServiceAccount " + account)) {
                problem(where, id(deployment) + " runs as ServiceAccount " + account + ", which is not deployed with it");
            }
            for (Volume volume : pod.getVolumes()) {
                if (volume.getConfigMap() != null && !names.contains("ConfigMap " + volume.getConfigMap().getName())) {
                    problem(where, id(deployment) + " mounts ConfigMap " + volume.getConfigMap().getName()
                            + ", which is not deployed with it");
                }
            }
        }
        for (Service service : services) {
            List<Deployment> selected = podsOf.apply(service.getSpec().getSelector());
            if (selected.isEmpty()) {
                problem(where, id(service) + " selects no pods of any Deployment");
                continue;
            }
            Set<Integer> targets = new LinkedHashSet<>();
            for (ServicePort port : service.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                for (Deployment deployment : selected) {
                    Integer number = resolve(target, containerPorts(deployment));
                    if (number == null) {
                        problem(where, id(service) + " port " + port.getName() + " targets " + text(target)
                                + ", which names no container port of " + id(deployment));
                    } else {
                        targets.add(number);
                    }
                }
            }
            boolean api = targets.contains(app.httpPort());
            boolean management = app.managementEnabled() && targets.contains(app.managementPort());
            if (api && management) {
                problem(where, id(service) + " exposes both the API port and the management port; keep the API Service "
                        + "API-only and put the management port in its own Service");
            }
            if (management && service.getSpec().getType() != null && !"ClusterIP".equals(service.getSpec().getType())) {
                problem(where, id(service) + " exposes the management port outside the cluster (type "
                        + service.getSpec().getType() + ")");
            }
            for (Integer target : targets) {
                if (target != app.httpPort() && !(app.managementEnabled() && target == app.managementPort())) {
                    problem(where, id(service) + " targets port " + target + ", on which the application does not listen");
                }
            }
        }
        for (ServiceMonitor monitor : ofType(resources, ServiceMonitor.class)) {
            if (monitor.spec() == null || monitor.spec().selector() == null || monitor.spec().endpoints() == null) {
                continue;
            }
            List<Service> scraped = services.stream()
                    .filter(s -> selects(monitor.spec().selector(), labels(s.getMetadata()))).toList();
            if (scraped.isEmpty()) {
                problem(where, "ServiceMonitor " + monitor.metadata().getName() + " selects no Service");
            }
            for (ServiceMonitor.Endpoint endpoint : monitor.spec().endpoints()) {
                for (Service service : scraped) {
                    ServicePort port = service.getSpec().getPorts().stream()
                            .filter(p -> Objects.equals(p.getName(), endpoint.port())).findFirst().orElse(null);
                    if (port == null) {
                        problem(where, "ServiceMonitor " + monitor.metadata().getName() + " scrapes port '" + endpoint.port()
                                + "', which " + id(service) + " does not have");
                        continue;
                    }
                    for (Deployment deployment : podsOf.apply(service.getSpec().getSelector())) {
                        Integer number = resolve(port.getTargetPort(), containerPorts(deployment));
                        if (number != null && number != app.operationsPort()) {
                            problem(where, "ServiceMonitor " + monitor.metadata().getName() + " scrapes port " + number
                                    + ", but metrics are served on " + app.operationsPort());
                        }
                    }
                }
            }
        }
        for (HorizontalPodAutoscaler hpa : ofType(resources, HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            if (!names.contains(ref.getKind() + " " + ref.getName())) {
                problem(where, id(hpa) + " scales " + ref.getKind() + " " + ref.getName() + ", which is not deployed with it");
            }
        }
        for (PodDisruptionBudget pdb : ofType(resources, PodDisruptionBudget.class)) {
            if (deployments.stream().noneMatch(d -> selects(pdb.getSpec().getSelector(),
                    labels(d.getSpec().getTemplate().getMetadata())))) {
                problem(where, id(pdb) + " selects no pods of any Deployment");
            }
        }
        for (NetworkPolicy policy : ofType(resources, NetworkPolicy.class)) {
            List<Deployment> selected = deployments.stream().filter(d -> selects(policy.getSpec().getPodSelector(),
                    labels(d.getSpec().getTemplate().getMetadata()))).toList();
            if (selected.isEmpty()) {
                problem(where, id(policy) + " selects no pods of any Deployment");
            }
            boolean apiAdmitted = false;
            for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
                for (Deployment deployment : selected) {
                    Set<Integer> ports = new LinkedHashSet<>();
                    for (NetworkPolicyPort port : rule.getPorts()) {
                        Integer number = port.getPort() == null ? null : resolve(port.getPort(), containerPorts(deployment));
                        if (number == null) {
                            problem(where, id(policy) + " admits port " + text(port.getPort())
                                    + ", which names no container port of " + id(deployment));
                        } else {
                            ports.add(number);
                        }
                    }
                    apiAdmitted |= rule.getPorts().isEmpty() || ports.contains(app.httpPort());
                    boolean managementOpen = rule.getPorts().isEmpty() || ports.contains(app.managementPort());
                    if (app.managementEnabled() && managementOpen && !restricted(rule.getFrom())) {
                        problem(where, id(policy) + " admits the management port from everywhere; allow it only from "
                                + "the monitoring namespace");
                    }
                }
            }
            if (policy.getSpec().getPolicyTypes().contains("Ingress") && !apiAdmitted && !selected.isEmpty()) {
                problem(where, id(policy) + " does not admit the API port " + app.httpPort());
            }
        }
    }

    /** A rule's peers are restricted when there are some and each names namespaces or pods by label. */
    private static boolean restricted(List<NetworkPolicyPeer> peers) {
        return !peers.isEmpty() && peers.stream().allMatch(peer -> peer.getIpBlock() == null
                && (nonEmpty(peer.getNamespaceSelector()) || peer.getNamespaceSelector() == null && nonEmpty(peer.getPodSelector())));
    }

    private static boolean nonEmpty(LabelSelector selector) {
        return selector != null && (!selector.getMatchLabels().isEmpty() || !selector.getMatchExpressions().isEmpty());
    }

    // ---------------------------------------------------------------- helpers

    private static <T> List<T> ofType(java.util.Collection<Object> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Map<String, Integer> containerPorts(Deployment deployment) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
            for (ContainerPort port : container.getPorts()) {
                if (port.getName() != null) {
                    ports.put(port.getName(), port.getContainerPort());
                }
            }
        }
        return ports;
    }

    private static Integer resolve(IntOrString port, Map<String, Integer> named) {
        if (port == null) {
            return null;
        }
        return port.getIntVal() != null ? port.getIntVal() : named.get(port.getStrVal());
    }

    private static String text(IntOrString port) {
        return port == null ? "(none)" : port.getIntVal() != null ? String.valueOf(port.getIntVal()) : "'" + port.getStrVal() + "'";
    }

    /** matchLabels only (matchExpressions would make a selector of these manifests too clever). */
    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && !selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
    }

    private static Map<String, String> labels(io.fabric8.kubernetes.api.model.ObjectMeta metadata) {
        return metadata == null || metadata.getLabels() == null ? Map.of() : metadata.getLabels();
    }

    private static String id(Object resource) {
        if (resource instanceof HasMetadata object) {
            return object.getKind() + " " + object.getMetadata().getName();
        }
        if (resource instanceof ServiceMonitor monitor) {
            return "ServiceMonitor " + monitor.metadata().getName();
        }
        if (resource instanceof PrometheusRule rule) {
            return "PrometheusRule " + rule.metadata().getName();
        }
        return resource.getClass().getSimpleName();
    }

    private static String describe(JsonNode doc) {
        return doc.path("kind").asText("?") + " " + doc.path("metadata").path("name").asText("?");
    }

    private static String schemaName(Class<?> type) {
        return type.getSimpleName();
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String jsonPath(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String human(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private String display(Path path) {
        Path base = k8sDir.getParent() == null ? k8sDir : k8sDir.getParent();
        return base.relativize(path.toAbsolutePath().normalize()).toString();
    }

    private void problem(String where, String message) {
        problems.add(where + ": " + message);
    }
}
