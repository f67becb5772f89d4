package io.licensegateway.operations;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

import io.licensegateway.console.Console;
import io.licensegateway.console.ConsoleRegistry;
import io.licensegateway.console.GatewayConfig;
import io.licensegateway.fetch.Outcome;
import io.licensegateway.fetch.RefreshService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Per-console gauges, registered once at start-up for every configured console. They read in-memory state only
 * (the breaker and {@link SnapshotStatistics}' cache), so a scrape never waits on a console or the database.
 * A console without a current snapshot reports NaN rather than a made-up zero. The per-group gauges (edition, status,
 * license type) have one series per group that exists, re-registered after each reload; the expired and expiring
 * counts are computed at scrape time from the groups' sorted expiry dates, so they move as time passes.
 */
@ApplicationScoped
class ConsoleGauges {

    /** The {@code within_days} of {@code gateway_licenses_expiring}: the alerts' thresholds. */
    static final List<Integer> EXPIRING_WITHIN_DAYS = List.of(7, 30);

    private final MeterRegistry meters;
    private final ConsoleRegistry consoles;
    private final RefreshService refresh;
    private final SnapshotStatistics statistics;
    private final Duration interval;
    private MultiGauge byEdition;
    private MultiGauge byStatus;
    private MultiGauge byType;
    private MultiGauge expired;
    private MultiGauge expiring;
    private MultiGauge overLimit;
    private MultiGauge nearLimit;

    ConsoleGauges(MeterRegistry meters, ConsoleRegistry consoles, RefreshService refresh, SnapshotStatistics statistics,
            GatewayConfig config) {
        this.meters = meters;
        this.consoles = consoles;
        this.refresh = refresh;
        this.statistics = statistics;
        this.interval = config.refresh().interval();
    }

    void register(@Observes StartupEvent event) {
        Gauge.builder("gateway.refresh.interval", () -> interval.toMillis() / 1000.0)
                .description("gateway.refresh.interval: the time between scheduled refreshes (the alerts' unit)")
                .baseUnit("seconds").register(meters);
        byEdition = MultiGauge.builder("gateway.licenses.by.edition")
                .description("Licenses in the current snapshot by edition").register(meters);
        byStatus = MultiGauge.builder("gateway.licenses.by.status")
                .description("Licenses in the current snapshot by status").register(meters);
        byType = MultiGauge.builder("gateway.licenses.by.type")
                .description("Licenses in the current snapshot by license type").register(meters);
        expired = MultiGauge.builder("gateway.licenses.expired")
                .description("Licenses whose expiration date has passed, by edition").register(meters);
        expiring = MultiGauge.builder("gateway.licenses.expiring")
                .description("Licenses not yet expired that expire within within_days days, by edition").register(meters);
        overLimit = MultiGauge.builder("gateway.licenses.over.limit")
                .description("Licenses of which some counter uses more than licensed (> 100 %), by edition")
                .register(meters);
        nearLimit = MultiGauge.builder("gateway.licenses.near.limit")
                .description("Licenses of which some counter uses over 90 % (none over 100 %), by edition")
                .register(meters);
        consoles.all().forEach(console -> register(console.name()));
        regroup(new SnapshotStatistics.Reloaded(statistics.groups()));
    }

    /** New per-group series after each reload: groups that disappeared lose their series. */
    synchronized void regroup(@Observes SnapshotStatistics.Reloaded reload) {
        if (byEdition == null) {
            return; // before start-up registered the gauges; register() applies the groups then
        }
        Set<String> configured = consoles.all().stream().map(Console::name).collect(Collectors.toSet());
        List<LicenseGroups> groups = reload.groups().stream().filter(g -> configured.contains(g.console())).toList();
        byEdition.register(counts(groups, "edition", "edition", LicenseGroups::licenses), true);
        byStatus.register(counts(groups, "status", "status", LicenseGroups::licenses), true);
        byType.register(counts(groups, "licenseType", "type", LicenseGroups::licenses), true);
        overLimit.register(counts(groups, "edition", "edition", LicenseGroups::overLimit), true);
        nearLimit.register(counts(groups, "edition", "edition", LicenseGroups::nearLimit), true);
        List<MultiGauge.Row<?>> expiredRows = new ArrayList<>();
        List<MultiGauge.Row<?>> expiringRows = new ArrayList<>();
        for (LicenseGroups group : groups) {
            if (!group.dimension().equals("edition")) {
                continue;
            }
            Tags tags = Tags.of("console", group.console(), "edition", group.key());
            expiredRows.add(MultiGauge.Row.of(tags, group, g -> g.expiringBefore(System.currentTimeMillis())));
            for (int days : EXPIRING_WITHIN_DAYS) {
                long window = Duration.ofDays(days).toMillis();
                expiringRows.add(MultiGauge.Row.of(tags.and("within_days", String.valueOf(days)), group, g -> {
                    long now = System.currentTimeMillis();
                    return g.expiringBefore(now + window) - g.expiringBefore(now);
                }));
            }
        }
        expired.register(expiredRows, true);
        expiring.register(expiringRows, true);
    }

    private static List<MultiGauge.Row<?>> counts(List<LicenseGroups> groups, String dimension, String label,
            ToDoubleFunction<LicenseGroups> value) {
        return groups.stream().filter(g -> g.dimension().equals(dimension))
                .<MultiGauge.Row<?>>map(g -> MultiGauge.Row.of(Tags.of("console", g.console(), label, g.key()),
                        value.applyAsDouble(g)))
                .toList();
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
        Gauge.builder("gateway.console.failing", () -> statistics.health(console)
                .map(h -> failing(h.lastOutcome())).orElse(Double.NaN))
                .description("1 when the console's last recorded refresh attempt failed (or its breaker was open), "
                        + "0 when it succeeded; NaN before the first attempt")
                .tags(tags).register(meters);
        Gauge.builder("gateway.console.last.success.timestamp", () -> statistics.health(console)
                .map(SnapshotStatistics.Health::lastSuccess)
                .map(t -> t.toInstant().toEpochMilli() / 1000.0).orElse(Double.NaN))
                .description("Unix time of the console's last successful fetch (any instance); NaN if none yet")
                .baseUnit("seconds").tags(tags).register(meters);
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

    private static double failing(String outcome) {
        if (outcome == null) {
            return Double.NaN;
        }
        return Outcome.valueOf(outcome).succeeded() ? 0 : 1;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
