package io.licensegateway.operations;

import java.util.Objects;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.licensegateway.query.ConsoleStatus;
import io.licensegateway.query.ConsoleStatuses;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.HealthGroup;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Each console's state at {@code /q/health/group/consoles}. Kept out of readiness on purpose: a dead console is
 * the normal case the gateway exists to absorb (its last snapshot is still served), so it must never take the
 * gateway out of a load balancer. UP whenever the states could be read, whatever they are.
 */
@HealthGroup(ConsolesHealth.GROUP)
@ApplicationScoped
public class ConsolesHealth implements AsyncHealthCheck {

    static final String GROUP = "consoles";

    private final ConsoleStatuses statuses;

    ConsolesHealth(ConsoleStatuses statuses) {
        this.statuses = statuses;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(GROUP);
        return statuses.all()
                .map(all -> {
                    for (ConsoleStatus status : all) {
                        response.withData(status.name(), status.state().name());
                    }
                    return response.up().build();
                })
                // Without the database the states are unknown; readiness reports that failure in its own right.
                .onFailure().recoverWithItem(failure -> response.down()
                        .withData("error", Objects.requireNonNullElse(failure.getMessage(), failure.toString())).build());
    }
}
