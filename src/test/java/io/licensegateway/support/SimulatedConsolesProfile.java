package io.licensegateway.support;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Twenty simulated consoles, no scheduled refresh (tests trigger runs themselves), and short retry, breaker
 * and deadline settings so failure paths run in about a second. History is also capped at five snapshots per
 * console ({@code gateway.snapshots.keep}), so tests reach the pruned edge with a few refreshes.
 */
public class SimulatedConsolesProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("gateway.refresh.scheduled", "false"),
                Map.entry("gateway.snapshots.keep", "5"),
                Map.entry("gateway.fetch.timeout", "3s"),
                Map.entry("gateway.fetch.request-timeout", "1s"),
                Map.entry("gateway.fetch.retry.max-retries", "3"),
                Map.entry("gateway.fetch.retry.initial-delay", "50ms"),
                Map.entry("gateway.fetch.retry.max-delay", "200ms"),
                Map.entry("gateway.fetch.circuit-breaker.request-volume-threshold", "4"),
                Map.entry("gateway.fetch.circuit-breaker.failure-ratio", "0.5"),
                Map.entry("gateway.fetch.circuit-breaker.delay", "1s"));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SimulatorResource.class));
    }
}
