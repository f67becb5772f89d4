package io.licensegateway.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * The part of the Prometheus Operator's {@code monitoring.coreos.com/v1} ServiceMonitor that this project may use.
 * Core fabric8 has no model for it; parsed with {@code FAIL_ON_UNKNOWN_PROPERTIES}, so any other or misspelt field
 * is an error. Extend the records when the manifests need more of the CRD.
 */
public record ServiceMonitor(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

    public record Spec(LabelSelector selector, NamespaceSelector namespaceSelector, List<Endpoint> endpoints, String jobLabel,
            List<String> targetLabels, List<String> podTargetLabels) {
    }

    public record NamespaceSelector(Boolean any, List<String> matchNames) {
    }

    public record Endpoint(String port, IntOrString targetPort, String path, String scheme, String interval,
            String scrapeTimeout, Map<String, List<String>> params, Boolean honorLabels, Boolean honorTimestamps) {
    }
}
