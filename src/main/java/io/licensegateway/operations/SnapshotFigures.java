package io.licensegateway.operations;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;

/** What the gauges show of one console's current snapshot, as of the last aggregate query. */
record SnapshotFigures(OffsetDateTime asOf, int licenses, OffsetDateTime soonestExpiry,
        Map<UtilizationCounter, Double> utilization) {

    private static final double SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    double ageSeconds(OffsetDateTime now) {
        return Duration.between(asOf, now).toMillis() / 1000.0;
    }

    /** Fractional days, negative once the license has expired; NaN for a snapshot without expiry dates. */
    double daysToSoonestExpiry(OffsetDateTime now) {
        return soonestExpiry == null ? Double.NaN : Duration.between(now, soonestExpiry).toSeconds() / SECONDS_PER_DAY;
    }

    double utilization(UtilizationCounter counter) {
        Double ratio = utilization.get(counter);
        return ratio == null ? Double.NaN : ratio;
    }
}
