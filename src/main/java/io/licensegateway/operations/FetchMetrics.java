package io.licensegateway.operations;

import java.time.Duration;
import java.util.stream.LongStream;

import io.licensegateway.fetch.ConsoleOutcome;
import io.licensegateway.fetch.RunReport;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Per-console fetch timings, outcomes and retries, recorded from each finished run. Labels are console names
 * and enum values only, so the number of series stays bounded however many licenses there are.
 */
@ApplicationScoped
class FetchMetrics {

    // Fixed buckets instead of Micrometer's percentile histogram, which puts about 50 buckets on every
    // console and outcome; these still feed histogram_quantile() and cover up to far past any fetch deadline.
    private static final Duration[] BUCKETS = LongStream.of(100, 250, 500, 1_000, 2_500, 5_000, 10_000, 20_000,
            30_000, 60_000, 120_000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final MeterRegistry registry;

    FetchMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Runs on the event loop that finished the run: only in-memory meter updates here. */
    void record(@Observes RunReport run) {
        try {
            run.consoles().forEach(this::record);
        } catch (RuntimeException e) {
            // A synchronous observer's exception would fail the refresh itself; metrics are not worth that.
            Log.errorf(e, "Could not record the metrics of run %d", run.id());
        }
    }

    private void record(ConsoleOutcome outcome) {
        String console = outcome.console();
        String result = outcome.outcome().name();
        Timer.builder("gateway.fetch.duration")
                .description("Time to fetch one console, retries included")
                .tags("console", console, "outcome", result)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(Duration.ofMillis(outcome.durationMs()));
        Counter.builder("gateway.fetch.outcomes")
                .description("Console fetches by outcome and error kind (none when it succeeded)")
                .tags("console", console, "outcome", result,
                        "error_kind", outcome.errorKind() == null ? "none" : outcome.errorKind().name())
                .register(registry)
                .increment();
        Counter.builder("gateway.fetch.retries")
                .description("Extra attempts beyond the first, per console")
                .tags("console", console)
                .register(registry)
                .increment(Math.max(0, outcome.attempts() - 1));
    }
}
