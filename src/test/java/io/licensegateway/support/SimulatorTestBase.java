package io.licensegateway.support;

import org.junit.jupiter.api.BeforeEach;

import io.licensegateway.simulator.ConsoleSimulator;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;

/**
 * A test against the simulator of {@link SimulatorResource} and the real PostgreSQL: each test starts with
 * healthy consoles, closed breakers and empty tables.
 */
public abstract class SimulatorTestBase {

    @InjectSimulator
    protected ConsoleSimulator simulator;

    @Inject
    protected Database database;

    @BeforeEach
    void healthyConsolesAndEmptyDatabase() {
        simulator.reset();
        CircuitBreakerMaintenance.get().resetAll();
        database.clear();
    }
}
