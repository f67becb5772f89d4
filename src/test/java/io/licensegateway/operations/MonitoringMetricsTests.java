package io.licensegateway.operations;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.licensegateway.support.SimulatorTestBase;
import io.licensegateway.support.WebhookProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every metric that the alerting rules and the Grafana dashboard query is exported by a running gateway, under that
 * very name: a renamed metric would otherwise leave an alert that never fires and an empty panel. The gateway runs
 * with webhook targets (their metrics too) and a refresh behind it.
 */
@QuarkusTest
@TestProfile(WebhookProfile.class)
class MonitoringMetricsTests extends SimulatorTestBase {

    private static final Path MONITORING = Path.of("k8s/monitoring");
    /** Series Prometheus makes itself, not the gateway. */
    private static final Set<String> SYNTHETIC = Set.of("up");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Test
    void everyMetricOfTheRulesAndTheDashboardIsExported() throws IOException {
        given().post("/api/v1/refresh").then().statusCode(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> database.count(
                "select count(*) from webhook_delivery where status = 'DELIVERED'") > 0);
        Set<String> used = new TreeSet<>();
        rules().forEach(expr -> used.addAll(metricNames(expr)));
        Set<String> inRules = Set.copyOf(used);
        dashboard().forEach(expr -> used.addAll(metricNames(expr)));
        assertThat(inRules).contains("gateway_licenses_expired", "gateway_snapshot_age_seconds", "up");
        assertThat(used).contains("gateway_fetch_duration_seconds_bucket", "gateway_licenses_by_status",
                "gateway_webhook_deliveries_total");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Set<String> exported = new TreeSet<>();
            String text = given().get(management.toString().replaceAll("/+$", "") + "/metrics").then().statusCode(200)
                    .extract().asString();
            PrometheusText.parse(text).samples().forEach(s -> exported.add(s.name()));
            Set<String> missing = new TreeSet<>(used);
            missing.removeAll(exported);
            missing.removeAll(SYNTHETIC);
            assertThat(missing).as("queried by k8s/monitoring but not exported").isEmpty();
        });
    }

    @Test
    void theNameExtractionFindsMetricsAndNothingElse() {
        assertThat(metricNames("histogram_quantile(0.95, sum by (le, console) (rate(gateway_fetch_duration_seconds_bucket"
                + "{console=~\"$console\"}[1h])))")).containsExactly("gateway_fetch_duration_seconds_bucket");
        assertThat(metricNames("max without (instance, pod, within_days) (gateway_licenses_expiring{within_days=\"30\"})"
                + " - max without (instance, pod) (gateway_licenses_expiring) > 0"))
                .containsExactly("gateway_licenses_expiring");
        assertThat(metricNames("(sum(up{job=~\"license-gateway.*\"}) or vector(0)) == 0")).containsExactly("up");
        assertThat(metricNames("time() - max without (instance) (a_b) > ignoring (console) group_left 2 * c:d"))
                .containsExactlyInAnyOrder("a_b", "c:d");
    }

    /** The metric names in a PromQL expression: identifiers that are neither functions, keywords nor label names. */
    static Set<String> metricNames(String expr) {
        String plain = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // strings
                .replaceAll("\\{[^}]*\\}", " ") // label matchers
                .replaceAll("\\[[^]]*\\]", " ") // ranges
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(plain);
        while (m.find()) {
            String name = m.group();
            int after = m.end();
            while (after < plain.length() && plain.charAt(after) == ' ') {
                after++;
            }
            boolean function = after < plain.length() && plain.charAt(after) == '(';
            boolean number = m.start() > 0 && Character.isDigit(plain.charAt(m.start() - 1));
            if (!function && !number && !KEYWORDS.contains(name.toLowerCase())) {
                names.add(name);
            }
        }
        return names;
    }

    private static List<String> rules() throws IOException {
        List<String> exprs = new ArrayList<>();
        new YAMLMapper().readTree(MONITORING.resolve("alerts.yaml").toFile()).path("groups")
                .forEach(g -> g.path("rules").forEach(r -> exprs.add(r.path("expr").asText())));
        return exprs;
    }

    private static List<String> dashboard() throws IOException {
        List<String> exprs = new ArrayList<>();
        collect(new ObjectMapper().readTree(MONITORING.resolve("dashboard.json").toFile()), exprs);
        return exprs;
    }

    /** Every {@code expr} of a panel target, and every template variable's query metric. */
    private static void collect(JsonNode node, List<String> exprs) {
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                if (field.getKey().equals("expr") && field.getValue().isTextual()) {
                    exprs.add(field.getValue().asText());
                } else if (field.getKey().equals("definition") && field.getValue().isTextual()) {
                    exprs.add(field.getValue().asText().replaceAll("label_values\\((\\w+),.*\\)", "$1"));
                } else {
                    collect(field.getValue(), exprs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(item -> collect(item, exprs));
        }
    }
}
