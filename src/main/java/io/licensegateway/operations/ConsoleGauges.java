package io.licensegateway.operations;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.ToDoubleFunction;

import io.licensegateway.console.ConsoleRegistry;
import io.licensegateway.fetch.RefreshService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Per-console gauges, registered once at start-up for every configured console. They read in-memory state only
 * (the breaker and {@link SnapshotStatistics}' cache), so a scrape never waits on a console or the database.
 * A console without a current snapshot reports NaN rather than a made-up zero.
 */
@ApplicationScoped
class ConsoleGauges {

    private final MeterRegistry meters;
    private final ConsoleRegistry consoles;
    private final RefreshService refresh;
    private final SnapshotStatistics statistics;

    ConsoleGauges(MeterRegistry meters, ConsoleRegistry consoles, RefreshService refresh, SnapshotStatistics statistics) {
        this.meters = meters;
        this.consoles = consoles;
        this.refresh = refresh;
        this.statistics = statistics;
    }

    void register(@Observes StartupEvent event) {
        consoles.all().forEach(console -> register(console.name()));
    }

    private void register(String console) {
        Tags tags = Tags.of("console", console);
        Gauge.builder("gateway.circuit.breaker.open",
                () -> refresh.breakerState(console) == CircuitBreakerState.OPEN ? 1 : 0)
                .description("1 while the console's circuit breaker is open (the console is skipped), else 0")
                .tags(tags).register(meters);
        snapshotGauge("gateway.snapshot.age", "seconds", "Time since the current snapshot was last confirmed",
                console, tags, figures -> figures.ageSeconds(now()));
        snapshotGauge("gateway.licenses", null, "Licenses in the current snapshot",
                console, tags, SnapshotFigures::licenses);
        snapshotGauge("gateway.license.soonest.expiry.days", null,
                "Days until the earliest license expiration in the current snapshot; negative once expired",
                console, tags, figures -> figures.daysToSoonestExpiry(now()));
        for (UtilizationCounter counter : UtilizationCounter.values()) {
            snapshotGauge("gateway.utilization.ratio", null,
                    "sum(used) / sum(licensed) of one counter over the current snapshot", console,
                    tags.and("counter", counter.label()), figures -> figures.utilization(counter));
        }
    }

    private void snapshotGauge(String name, String unit, String description, String console, Tags tags,
            ToDoubleFunction<SnapshotFigures> value) {
        Gauge.builder(name, () -> statistics.of(console).map(value::applyAsDouble).orElse(Double.NaN))
                .description(description).baseUnit(unit).tags(tags).register(meters);
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
