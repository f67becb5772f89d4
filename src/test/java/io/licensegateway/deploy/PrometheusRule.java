package io.licensegateway.deploy;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The part of the Prometheus Operator's {@code monitoring.coreos.com/v1} PrometheusRule that this project may use.
 * Parsed with {@code FAIL_ON_UNKNOWN_PROPERTIES}, so any other or misspelt field is an error. The same records read
 * a plain Prometheus rule file ({@link RuleFile}): its {@code groups} are the spec's.
 */
public record PrometheusRule(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    public record Spec(List<Group> groups) {
    }

    /** A plain rule file, {@code rule_files:} of prometheus.yml. */
    public record RuleFile(List<Group> groups) {
    }

    public record Group(String name, String interval, List<Rule> rules) {
    }

    public record Rule(String alert, String record, String expr, @JsonProperty("for") String forDuration,
            Map<String, String> labels, Map<String, String> annotations) {
    }
}
