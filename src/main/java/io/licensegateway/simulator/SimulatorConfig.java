package io.licensegateway.simulator;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** {@code gateway.simulator.*}: built-in simulated consoles for demos and development. */
@ConfigMapping(prefix = "gateway.simulator")
public interface SimulatorConfig {

    /** Start simulated consoles inside the gateway and aggregate them. Off unless enabled. */
    @WithDefault("false")
    boolean enabled();

    /** How many simulated consoles ({@code sim-1} … {@code sim-N}; odd ones speak v2, even ones v3). */
    @WithDefault("3")
    @Min(1)
    @Max(1000)
    int consoles();

    @WithDefault("200")
    @Min(0)
    @Max(100000)
    int licensesPerConsole();

    /** Added to every simulated request. */
    @WithDefault("50ms")
    Duration latency();

    /** Seed of the generated data; the same seed gives the same licenses. */
    @WithDefault("42")
    long seed();
}
