package io.licensegateway.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.licensegateway.deploy.PrometheusRule;

/**
 * The alerting rules: the plain rule file and the PrometheusRule hold the same groups; every alert has a severity,
 * a summary, a description and a runbook section in docs/operations.md, and promtool unit tests that fire it and that do
 * not; and promtool itself accepts the rules and passes those tests. promtool comes with Debian's
 * {@code prometheus} package, which .ci/run installs; without it that check is skipped with a message saying so, or
 * fails with {@code -Dpromtool.required=true}, which .ci/run passes.
 */
class PrometheusRulesTest {

    static final Path MONITORING = Path.of("k8s/monitoring");
    /** Set to true where promtool must be there (CI): its absence fails the check instead of skipping it. */
    private static final String PROMTOOL_REQUIRED = "promtool.required";
    private static final Path RULE_FILE = MONITORING.resolve("alerts.yaml");
    private static final Path OPERATOR_RULE = MONITORING.resolve("prometheus-rule.yaml");
    private static final Path UNIT_TESTS = MONITORING.resolve("alerts.test.yaml");
    private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");
    private static final ObjectMapper YAML = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    static JsonNode read(Path file) throws IOException {
        return YAML.readTree(file.toFile());
    }

    /** The alert rules of the plain rule file, strictly typed. */
    static List<PrometheusRule.Rule> alerts() throws IOException {
        PrometheusRule.RuleFile file = YAML.readValue(RULE_FILE.toFile(), PrometheusRule.RuleFile.class);
        return file.groups().stream().flatMap(g -> g.rules().stream()).filter(r -> r.alert() != null).toList();
    }

    @Test
    void theOperatorRuleHoldsExactlyTheGroupsOfThePlainRuleFile() throws IOException {
        JsonNode plain = read(RULE_FILE);
        JsonNode operator = read(OPERATOR_RULE);

        assertThat(operator.path("kind").asText()).isEqualTo("PrometheusRule");
        assertThat(operator.path("spec").path("groups")).isNotEmpty().isEqualTo(plain.path("groups"));
        assertThat(plain.size()).as("the rule file holds only groups").isEqualTo(1);
        YAML.readValue(OPERATOR_RULE.toFile(), PrometheusRule.class);
    }

    @Test
    void everyAlertHasASeverityASummaryADescriptionAndARunbookSection() throws IOException {
        String readme = Files.readString(Path.of("docs/operations.md"), StandardCharsets.UTF_8);
        Set<String> anchors = readme.lines().filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
        List<PrometheusRule.Rule> alerts = alerts();

        assertThat(alerts).extracting(PrometheusRule.Rule::alert).contains("LicenseExpired",
                "LicenseExpiresWithin7Days", "LicenseExpiresWithin30Days", "LicenseUsageOverLicensed",
                "LicenseUsageNearLicensed", "ConsoleDataStale", "ConsoleFailing", "ConsoleCircuitOpen",
                "NoSuccessfulRefresh", "GatewayInstanceDown", "GatewayDown").doesNotHaveDuplicates();
        for (PrometheusRule.Rule alert : alerts) {
            assertThat(alert.labels()).as(alert.alert()).containsOnlyKeys("severity");
            assertThat(SEVERITIES).as(alert.alert()).contains(alert.labels().get("severity"));
            assertThat(alert.annotations()).as(alert.alert()).containsOnlyKeys("summary", "description", "runbook_url");
            assertThat(alert.annotations().values()).as(alert.alert()).allMatch(v -> !v.isBlank());
            String runbook = alert.annotations().get("runbook_url");
            assertThat(runbook).as(alert.alert()).contains("docs/operations.md#" + alert.alert().toLowerCase(Locale.ROOT));
            assertThat(anchors).as("docs/operations.md has a runbook section titled " + alert.alert())
                    .contains(alert.alert().toLowerCase(Locale.ROOT));
        }
    }

    @Test
    void everyAlertHasUnitTestsThatFireItAndThatMustNot() throws IOException {
        JsonNode tests = read(UNIT_TESTS);
        assertThat(StreamSupport.stream(tests.path("rule_files").spliterator(), false).map(JsonNode::asText))
                .containsExactly(RULE_FILE.getFileName().toString());
        List<JsonNode> cases = new ArrayList<>();
        tests.path("tests").forEach(t -> t.path("alert_rule_test").forEach(cases::add));
        for (PrometheusRule.Rule alert : alerts()) {
            List<JsonNode> mine = cases.stream().filter(c -> c.path("alertname").asText().equals(alert.alert())).toList();
            assertThat(mine).as("a case where %s fires", alert.alert()).anyMatch(c -> c.path("exp_alerts").size() > 0);
            assertThat(mine).as("a case where %s must not fire", alert.alert())
                    .anyMatch(c -> c.path("exp_alerts").size() == 0);
        }
    }

    @Test
    void promtoolAcceptsTheRulesAndPassesTheirUnitTests() throws Exception {
        assertThat(promtool("check", "rules", RULE_FILE.getFileName().toString())).contains("SUCCESS: 11 rules found");
        assertThat(promtool("test", "rules", UNIT_TESTS.getFileName().toString())).contains("SUCCESS");
    }

    private static String promtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(MONITORING.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            String missing = "promtool is missing: install Debian's prometheus package "
                    + "(apt-get install -y --no-install-recommends prometheus), as .ci/run does";
            if (Boolean.getBoolean(PROMTOOL_REQUIRED)) {
                throw new AssertionError(missing + " (-D" + PROMTOOL_REQUIRED + "=true)", e);
            }
            return Assumptions.abort(missing + "; skipped, -D" + PROMTOOL_REQUIRED + "=true makes this a failure");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s\n%s", String.join(" ", command), output).isZero();
        return output;
    }
}
