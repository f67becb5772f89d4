package io.licensegateway.support;

import java.util.HashMap;
import java.util.Map;

import io.licensegateway.simulator.ConsoleSimulator;
import io.licensegateway.simulator.SimulatedConsole;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts a {@link ConsoleSimulator} on its own Vert.x before the application and configures one gateway
 * console per simulated console ({@code sim-01} … {@code sim-20}, 25 licenses each, paged by 10).
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final int CONSOLES = 20;
    public static final int LICENSES = 25;
    public static final int PAGE_SIZE = 10;
    public static final long SEED = 7;

    private Vertx vertx;
    private ConsoleSimulator simulator;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        simulator = new ConsoleSimulator(vertx, SEED).start();
        Map<String, String> config = new HashMap<>();
        for (int i = 1; i <= CONSOLES; i++) {
            SimulatedConsole console = simulator.addConsole(String.format("sim-%02d", i), LICENSES);
            String key = "gateway.consoles." + console.name() + ".";
            config.put(key + "url", simulator.baseUri(console.name()).toString());
            config.put(key + "username", console.username());
            config.put(key + "password", console.password());
        }
        config.put("gateway.fetch.page-size", String.valueOf(PAGE_SIZE));
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(simulator,
                new TestInjector.AnnotatedAndMatchesType(InjectSimulator.class, ConsoleSimulator.class));
    }

    @Override
    public void stop() {
        simulator.close();
        vertx.close();
    }
}
