package io.licensegateway.fetch;

import io.licensegateway.console.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Refreshes at start-up and then every {@code gateway.refresh.interval}; a run still going is never overlapped,
 * and across instances sharing the database the scheduled run happens once per interval.
 */
@ApplicationScoped
class RefreshScheduler {

    private final RefreshService refresh;
    private final Coordination coordination;
    private final GatewayConfig config;

    RefreshScheduler(RefreshService refresh, Coordination coordination, GatewayConfig config) {
        this.refresh = refresh;
        this.coordination = coordination;
        this.config = config;
    }

    @Scheduled(identity = "refresh", every = "${gateway.refresh.interval:15m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Disabled.class)
    Uni<Void> refresh() {
        return coordination.claimScheduledRun(config.refresh().interval()).flatMap(ours -> {
            if (!ours) {
                Log.debug("Scheduled refresh skipped: another instance ran it within this interval");
                return Uni.createFrom().voidItem();
            }
            return scheduledRun();
        });
    }

    private Uni<Void> scheduledRun() {
        return refresh.refreshAll(RunReport.Trigger.SCHEDULED, null)
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
