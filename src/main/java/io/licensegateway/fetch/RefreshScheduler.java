package io.licensegateway.fetch;

import io.licensegateway.console.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Refreshes at start-up and then every {@code gateway.refresh.interval}; a run still going is never overlapped. */
@ApplicationScoped
class RefreshScheduler {

    private final RefreshService refresh;

    RefreshScheduler(RefreshService refresh) {
        this.refresh = refresh;
    }

    @Scheduled(identity = "refresh", every = "${gateway.refresh.interval:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> refresh() {
        return refresh.refreshAll(RunReport.Trigger.SCHEDULED)
                .onFailure(RefreshInProgressException.class).recoverWithItem(() -> {
                    Log.info("Scheduled refresh skipped: a manual refresh is running");
                    return null;
                })
                .replaceWithVoid();
    }

    @ApplicationScoped
    static class Disabled implements Scheduled.SkipPredicate {

        private final GatewayConfig config;

        Disabled(GatewayConfig config) {
            this.config = config;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !config.refresh().scheduled();
        }
    }
}
