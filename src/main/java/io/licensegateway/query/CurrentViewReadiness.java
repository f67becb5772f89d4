package io.licensegateway.query;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the current view is loaded: a replica that starts while the store is away stays out of the service
 * until it has one. Afterwards it stays ready while updates fail (the view is served as it was) and says why in its
 * data; {@code gateway_view_update_failing} and {@code gateway_view_licenses} tell the same to Prometheus.
 */
@Readiness
@ApplicationScoped
public class CurrentViewReadiness implements HealthCheck {

    static final String NAME = "current view";

    private final CurrentView current;

    CurrentViewReadiness(CurrentView current) {
        this.current = current;
    }

    void gauges(@Observes StartupEvent event, MeterRegistry registry) {
        Gauge.builder("gateway.view.update.failing", current, v -> v.failure().isPresent() ? 1 : 0)
                .description("1 while the current view cannot be brought up to date from the store (it is served as it was)")
                .register(registry);
        Gauge.builder("gateway.view.licenses", current, v -> v.latest().map(View::licenses).orElse(0L))
                .description("Licenses in the current view held in memory").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        current.failure().ifPresent(failure -> response.withData("updateFailingSince", failure.since().toString())
                .withData("updateError", failure.reason()));
        return current.latest()
                .map(view -> response.up().withData("asOf", view.at().toString()).withData("licenses", view.licenses()))
                .orElseGet(response::down).build();
    }
}
