package io.licensegateway.query;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import io.licensegateway.database.Commits;
import io.licensegateway.database.DatabaseFailures;
import io.licensegateway.web.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The current merged view, held in memory on every replica and answered without a database round trip. Loaded at
 * start (readiness waits for it), then brought up to date whenever any replica commits — PostgreSQL notifies every
 * listener after the commit ({@link Commits}) — after this replica's own commits, and every
 * {@code gateway.view.check-interval}, so a lost notification heals within seconds. Updates run one at a time; the
 * requests that arrive meanwhile share the next one. A failed update keeps the previous version, and says so.
 */
@ApplicationScoped
public class CurrentView {

    private final ViewLoader loader;
    private final int kept;
    private final Deque<View> versions = new ArrayDeque<>();
    private volatile View latest;
    private volatile Failure failure;

    private CompletableFuture<Void> running;
    private CompletableFuture<Void> queued;

    CurrentView(ViewLoader loader, ViewConfig config) {
        this.loader = loader;
        this.kept = Math.max(1, config.keptVersions());
    }

    /** Why the last update failed, and since when updates fail; absent while they succeed. */
    record Failure(OffsetDateTime since, String reason) {
    }

    void start(@Observes StartupEvent event, Commits commits) {
        commits.onCommit(this::request);
        request();
    }

    @Scheduled(identity = "current-view", every = "${gateway.view.check-interval:2s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void check() {
        request();
    }

    /** The latest version, absent until the first load succeeded. */
    Optional<View> latest() {
        return Optional.ofNullable(latest);
    }

    /** The kept version that is the view at {@code at}, if any. */
    synchronized Optional<View> at(OffsetDateTime at) {
        return versions.stream().filter(v -> v.at().isEqual(at)).findFirst();
    }

    /** The latest version, or a 503 problem while there is none yet (readiness is down until there is). */
    View require() {
        View view = latest;
        if (view == null) {
            throw new ProblemException(503, "Not ready", "The current view is still being loaded from the store; "
                    + "retry in a moment", null);
        }
        return view;
    }

    /** {@code unreachable} while updates fail (the view is served as it was), null while it is up to date. */
    String storeState() {
        return failure == null ? null : "unreachable";
    }

    /** Absent while the view is up to date with the store. */
    Optional<Failure> failure() {
        return Optional.ofNullable(failure);
    }

    /** Starts an update, or joins the one queued after the running one; completes when that one is done. */
    CompletableFuture<Void> request() {
        CompletableFuture<Void> start = null;
        CompletableFuture<Void> answer;
        synchronized (this) {
            if (running == null) {
                running = start = new CompletableFuture<>();
                answer = start;
            } else {
                if (queued == null) {
                    queued = new CompletableFuture<>();
                }
                answer = queued;
            }
        }
        if (start != null) {
            launch(start);
        }
        return answer;
    }

    private void launch(CompletableFuture<Void> done) {
        loader.next(latest).subscribe().with(view -> {
            install(view);
            finished(done, null);
        }, error -> finished(done, error));
    }

    private synchronized void install(View view) {
        View previous = latest;
        if (previous != view) {
            if (previous != null && previous.at().isEqual(view.at())) {
                versions.removeLast();
            }
            versions.addLast(view);
            while (versions.size() > kept) {
                versions.removeFirst();
            }
            latest = view;
        }
        if (failure != null) {
            Log.infof("The current view is up to date again (%d licenses as of %s)", view.licenses(), view.at());
            failure = null;
        }
    }

    private void finished(CompletableFuture<Void> done, Throwable error) {
        if (error != null) {
            fail(error);
        }
        CompletableFuture<Void> next;
        synchronized (this) {
            next = queued;
            queued = null;
            running = next;
        }
        if (next != null) {
            launch(next);
        }
        if (error != null) {
            done.completeExceptionally(error);
        } else {
            done.complete(null);
        }
    }

    private void fail(Throwable error) {
        String reason = DatabaseFailures.unavailable(error) ? "the database is unreachable: "
                + DatabaseFailures.describe(error) : error.toString();
        if (failure == null) {
            Log.warnf("Could not bring the current view up to date; %s: %s",
                    latest == null ? "no view yet" : "serving the view as of " + latest.at(), reason);
            failure = new Failure(OffsetDateTime.now(ZoneOffset.UTC), reason);
        } else {
            failure = new Failure(failure.since(), reason);
        }
    }
}
