package io.licensegateway.fetch;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.licensegateway.console.Console;
import io.licensegateway.console.ConsoleRegistry;
import io.licensegateway.database.Commits;
import io.licensegateway.snapshot.HistoryPruner;
import io.licensegateway.upstream.PageDigests;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

/**
 * Runs a refresh: claims the leases of every enabled console in one statement, fetches them all at once (unless
 * {@code gateway.fetch.max-concurrency} says fewer), stores each console's result as soon as it arrives, records the
 * run and then prunes the history to its retention ({@link HistoryPruner}). Refreshes never overlap.
 * Observers of {@link RunReport} hear of every finished run (synchronously, on the event loop: never block).
 * Built at start-up, so a console whose client cannot be built (e.g. an unreadable CA file) stops start-up.
 */
@Startup
@ApplicationScoped
public class RefreshService {

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final Map<String, ConsoleFetcher> fetchers;
    private final AttemptRecorder recorder;
    private final RunRepository runs;
    private final OptionalInt maxConcurrency;
    private final int pageSize;
    private final LicenseBudget budget;
    /** Each console's license count when last stored: what it is admitted to the budget for. */
    private final Map<String, Integer> expected = new ConcurrentHashMap<>();
    private final Event<RunReport> finished;
    private final Coordination coordination;
    private final HistoryPruner pruner;
    private final Commits commits;
    private final AtomicBoolean running = new AtomicBoolean();
    /** The id of the running run once its record exists, for the 409 of a second request. */
    private volatile Long runningId;
    /** Completes when the current run (if any) ends; shutdown waits on it. */
    private volatile CompletableFuture<Void> idle = CompletableFuture.completedFuture(null);

    RefreshService(ConsoleRegistry registry, UpstreamClients clients, AttemptRecorder recorder, RunRepository runs,
            FetchConfig config, Event<RunReport> finished, Coordination coordination, HistoryPruner pruner,
            Commits commits) {
        RetryPolicy retry = new RetryPolicy(config.retry(), () -> ThreadLocalRandom.current().nextDouble());
        this.fetchers = registry.enabled().stream().collect(Collectors.toMap(Console::name,
                c -> new ConsoleFetcher(c, c.timeout().orElse(config.timeout()), clients.create(c), retry,
                        config.circuitBreaker())));
        this.recorder = recorder;
        this.runs = runs;
        this.maxConcurrency = config.maxConcurrency();
        this.pageSize = config.pageSize();
        this.budget = new LicenseBudget(config.bufferedLicenses()
                .orElseGet(() -> LicenseBudget.forHeap(Runtime.getRuntime().maxMemory())));
        this.finished = finished;
        this.coordination = coordination;
        this.pruner = pruner;
        this.commits = commits;
    }

    /**
     * Refreshes all enabled consoles. Fails with {@link RefreshInProgressException} while one runs. {@code requestedBy}
     * names the caller of a manual run (null for scheduled runs).
     */
    public Uni<RunReport> refreshAll(RunReport.Trigger trigger, String requestedBy) {
        return run(trigger, requestedBy, null, List.copyOf(fetchers.values()));
    }

    /** Refreshes one console; fails with {@link IllegalArgumentException} for an unknown or disabled one. */
    public Uni<RunReport> refreshOne(RunReport.Trigger trigger, String requestedBy, String console) {
        ConsoleFetcher fetcher = fetchers.get(console);
        if (fetcher == null) {
            return Uni.createFrom().failure(new IllegalArgumentException(
                    "console '" + console + "' is not configured or not enabled; enabled consoles: " + fetchers.keySet()));
        }
        return run(trigger, requestedBy, console, List.of(fetcher));
    }

    public CircuitBreakerState breakerState(String console) {
        return fetchers.containsKey(console) ? ConsoleFetcher.breakerState(console) : CircuitBreakerState.CLOSED;
    }

    /**
     * Starts the run when subscribed and lets it finish even if the subscriber goes away (a client that hangs
     * up on {@code POST /api/v1/refresh} must not leave a run half-recorded with its leases held).
     */
    private Uni<RunReport> run(RunReport.Trigger trigger, String requestedBy, String requested,
            List<ConsoleFetcher> targets) {
        return Uni.createFrom().deferred(() -> {
            if (!running.compareAndSet(false, true)) {
                return Uni.createFrom().failure(new RefreshInProgressException(runningId));
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            idle = done;
            OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);
            CompletableFuture<RunReport> report = runs.start(trigger, requested, requestedBy, started)
                    .invoke(runId -> runningId = runId)
                    .call(runId -> expected.isEmpty() ? runs.currentLicenseCounts().invoke(expected::putAll)
                            : Uni.createFrom().voidItem())
                    .flatMap(runId -> claimAll(targets).flatMap(claims -> Multi.createFrom().iterable(targets)
                            .onItem().transformToUni(fetcher -> fetchIfClaimed(runId, fetcher, claims))
                            .merge(concurrency(targets.size()))
                            .collect().asList()
                            .call(ignored -> runs.finish(runId))
                            // after every console's transaction: pruning never holds a write open
                            .call(ignored -> pruner.prune())
                            .map(outcomes -> report(runId, trigger, requested, requestedBy, started, outcomes))
                            // the run's caller reads what it stored
                            .call(commits::committed)))
                    .invoke(RefreshService::logSummary)
                    .invoke(finished::fire)
                    .onTermination().invoke(() -> {
                        runningId = null;
                        running.set(false);
                        done.complete(null);
                    })
                    .subscribeAsCompletionStage();
            // a copy, so a cancelled subscriber cancels its copy and not the run
            return Uni.createFrom().completionStage(report.copy());
        });
    }

    /** Every console at once, unless configured otherwise: the budget of buffered licenses is what bounds memory. */
    private int concurrency(int consoles) {
        return maxConcurrency.orElse(Math.max(1, consoles));
    }

    /**
     * The leases of the whole run, claimed in one statement. Should that fail, each console claims its own (and
     * records why it could not).
     */
    private Uni<Claims> claimAll(List<ConsoleFetcher> targets) {
        Map<String, Duration> leases = targets.stream().collect(Collectors.toMap(f -> f.console().name(),
                RefreshService::lease));
        return coordination.claimConsoles(leases).map(held -> new Claims(held, System.nanoTime()))
                .onFailure().recoverWithItem(Claims.EACH_ON_ITS_OWN);
    }

    /** The lease outlives the deadline. */
    private static Duration lease(ConsoleFetcher fetcher) {
        return fetcher.timeout().plusSeconds(30);
    }

    /**
     * Fetches and records the console unless another instance holds it. The console first waits for room in the
     * budget of buffered licenses, so its deadline does not run meanwhile; if that took a while, it claims its lease
     * again, so the lease still outlives the deadline.
     */
    private Uni<ConsoleOutcome> fetchIfClaimed(long runId, ConsoleFetcher fetcher, Claims claims) {
        Console console = fetcher.console();
        return budget.admit(expected.getOrDefault(console.name(), pageSize)).flatMap(admitted -> {
            AtomicInteger held = new AtomicInteger(admitted);
            return claim(fetcher, claims)
                    .flatMap(claim -> claim.isPresent()
                            ? fetcher.fetch(claim.get()).invoke(result -> held.addAndGet(overdraw(result, admitted)))
                                    .flatMap(result -> recorder.record(runId, result))
                            : Uni.createFrom().item(skipped(console.name())))
                    .onFailure().recoverWithItem(failure -> recorder.unrecorded(console.name(), failure))
                    .eventually(() -> budget.release(held.get()));
        });
    }

    private Uni<Optional<PageDigests>> claim(ConsoleFetcher fetcher, Claims claims) {
        String console = fetcher.console().name();
        return claims.fresh() ? Uni.createFrom().item(claims.of(console))
                : coordination.claimConsole(console, lease(fetcher));
    }

    /** Learns the console's size; answers what it brought beyond its admission, taken from the budget at once. */
    private int overdraw(FetchResult result, int admitted) {
        if (!result.succeeded() || result.fetched().unchanged()) {
            return 0;
        }
        int brought = result.fetched().licenses().size();
        expected.put(result.console(), brought);
        int extra = Math.max(0, brought - admitted);
        budget.overdraw(extra);
        return extra;
    }

    /** The consoles the run holds (with their current pages), and when it claimed them. */
    private record Claims(Map<String, PageDigests> held, long claimedAt) {

        static final Claims EACH_ON_ITS_OWN = new Claims(null, 0);
        /** Leases last at least 30 s beyond the deadline: a claim this young leaves 20 s of that. */
        private static final long FRESH_NANOS = TimeUnit.SECONDS.toNanos(10);

        /** False once a console must claim on its own: the run's claim failed or has aged. */
        boolean fresh() {
            return held != null && System.nanoTime() - claimedAt <= FRESH_NANOS;
        }

        Optional<PageDigests> of(String console) {
            return Optional.ofNullable(held.get(console));
        }
    }

    private static ConsoleOutcome skipped(String console) {
        return new ConsoleOutcome(console, Outcome.SKIPPED, 0, OffsetDateTime.now(ZoneOffset.UTC), 0, null,
                "another gateway instance is fetching this console", null, null);
    }

    /**
     * On SIGTERM, give a running refresh a few seconds to finish. Whatever is still fetching then is simply
     * abandoned: each console's result is written in one transaction only after its fetch completed, so nothing
     * is half-written, and its lease is free as soon as this instance's coordination connection closes
     * ({@link Coordination}), for the next refresh on another replica or after the restart.
     */
    void finishOrAbandon(@Observes ShutdownEvent event) {
        try {
            idle.get(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            Log.warn("Shutting down with a refresh still running; consoles not yet stored keep their previous snapshot");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the run's own failure was already reported to its caller
        }
    }

    private static RunReport report(long runId, RunReport.Trigger trigger, String requested, String requestedBy,
            OffsetDateTime started, List<ConsoleOutcome> outcomes) {
        List<ConsoleOutcome> sorted = outcomes.stream().sorted(Comparator.comparing(ConsoleOutcome::console)).toList();
        return new RunReport(runId, trigger, requested, started, OffsetDateTime.now(ZoneOffset.UTC), sorted, requestedBy);
    }

    /** One line per run: the totals, then every console's outcome (with the error kind when it failed). */
    private static void logSummary(RunReport run) {
        Map<Outcome, Long> counts = run.consoles().stream()
                .collect(Collectors.groupingBy(ConsoleOutcome::outcome, Collectors.counting()));
        String consoles = run.consoles().stream()
                .map(o -> o.console() + "=" + o.outcome() + (o.outcome() == Outcome.FAILED ? "/" + o.errorKind() : ""))
                .collect(Collectors.joining(" "));
        Log.infof("Refresh run %d (%s) finished in %d ms: %s; %s", run.id(), run.trigger(),
                Duration.between(run.startedAt(), run.finishedAt()).toMillis(), counts, consoles);
    }
}
