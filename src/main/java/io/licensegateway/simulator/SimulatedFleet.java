package io.licensegateway.simulator;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import io.licensegateway.console.ApiFlavour;
import io.licensegateway.console.Console;
import io.licensegateway.console.ConsoleSource;
import io.licensegateway.console.Credentials;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

/**
 * Starts the simulator inside the gateway when {@code gateway.simulator.enabled=true}, and names its consoles: a
 * {@link ConsoleSource} the registry adds to the configured ones.
 */
@ApplicationScoped
public class SimulatedFleet {

    private final SimulatorConfig config;
    private final Vertx vertx;
    private ConsoleSimulator simulator;

    SimulatedFleet(SimulatorConfig config, Vertx vertx) {
        this.config = config;
        this.vertx = vertx;
    }

    /** The simulated consoles to aggregate; empty when the simulator is off. Starts it on first call. */
    public synchronized List<Console> consoles() {
        if (!config.enabled()) {
            return List.of();
        }
        if (simulator == null) {
            simulator = new ConsoleSimulator(vertx, config.seed()).start();
            // A mix, so both flavours show side by side: odd-numbered consoles speak v2, even-numbered v3.
            IntStream.rangeClosed(1, config.consoles()).forEach(i -> simulator
                    .addConsole("sim-" + i, config.licensesPerConsole(), i % 2 == 1 ? ApiFlavour.V2 : ApiFlavour.V3)
                    .latency(config.latency()));
            Log.infof("Console simulator: %d consoles (odd v2, even v3) with %d licenses each on port %d",
                    config.consoles(), config.licensesPerConsole(), simulator.port());
        }
        return simulator.consoles().stream().map(this::toConsole).toList();
    }

    /** v3 consoles use their API key, the login VSPC recommends for unattended polling. */
    private Console toConsole(SimulatedConsole console) {
        Credentials credentials = console.api() == ApiFlavour.V3
                ? Credentials.apiKey(console.apiKey())
                : Credentials.password(console.username(), console.password());
        return new Console(console.name(), simulator.baseUri(console.name()), console.api(), credentials,
                Optional.empty(), List.of(), false, Optional.empty(), true);
    }

    /** Hands the simulated consoles to the registry. */
    @Produces
    ConsoleSource source() {
        return this::consoles;
    }

    void stop(@Observes ShutdownEvent event) {
        if (simulator != null) {
            simulator.close();
        }
    }
}
