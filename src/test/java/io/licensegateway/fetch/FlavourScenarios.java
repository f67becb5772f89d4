package io.licensegateway.fetch;

import static io.licensegateway.fetch.RefreshTests.outcomeOf;
import static io.licensegateway.fetch.RefreshTests.refresh;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.licensegateway.simulator.SimulatedConsole;

/** Scenarios every API flavour must pass, each flavour in its own words (v3 puts its 429 wait in the body). */
final class FlavourScenarios {

    private FlavourScenarios() {
    }

    static void logsInAgainExactlyOnceWhenTheTokenIsRevoked(SimulatedConsole console) {
        refresh(console.name());
        assertThat(console.passwordGrants()).isEqualTo(1);

        console.revokeTokens();
        console.reseed(99);
        assertThat(outcomeOf(refresh(console.name()), console.name())).containsEntry("outcome", "UPDATED")
                .containsEntry("attempts", 1);

        assertThat(console.passwordGrants()).isEqualTo(2);
    }

    static void refreshesTheTokenBeforeItExpires(SimulatedConsole console) throws InterruptedException {
        console.tokenLifetime(Duration.ofSeconds(1));
        refresh(console.name());
        Thread.sleep(1200);

        assertThat(outcomeOf(refresh(console.name()), console.name())).containsEntry("outcome", "UNCHANGED");

        assertThat(console.passwordGrants()).isEqualTo(1);
        assertThat(console.refreshGrants()).isEqualTo(1);
    }

    static void honoursRetryAfterWhenThrottled(SimulatedConsole console) {
        console.throttleNext(1, 1);

        Map<String, Object> outcome = outcomeOf(refresh(console.name()), console.name());

        // The retry policy alone would wait about 50 ms here.
        assertThat(outcome).containsEntry("outcome", "UPDATED").containsEntry("attempts", 2);
        assertThat((Integer) outcome.get("durationMs")).isGreaterThanOrEqualTo(1000);
    }
}
