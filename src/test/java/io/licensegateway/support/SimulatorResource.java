package io.licensegateway.support;

import java.util.HashMap;
import java.util.Map;

import io.licensegateway.console.ApiFlavour;
import io.licensegateway.simulator.ConsoleSimulator;
import io.licensegateway.simulator.SimulatedConsole;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts a {@link ConsoleSimulator} on its own Vert.x before the application and configures one gateway
 * console per simulated console, 25 licenses each, paged by 10. By default these are twenty v2 consoles
 * ({@code sim-01} … {@code sim-20}); the init args {@value #V2}, {@value #V3_PASSWORD} and {@value #V3_API_KEY}
 * set how many v2 consoles, v3 consoles logging in with a password ({@code v3p-01} …) and v3 consoles sending
 * their API key ({@code v3k-01} …) there are.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {

    public static final int CONSOLES = 20;
    public static final int LICENSES = 25;
    public static final int PAGE_SIZE = 10;
    public static final long SEED = 7;
    public static final String V2 = "v2";
    public static final String V3_PASSWORD = "v3-password";
    public static final String V3_API_KEY = "v3-api-key";

    private Map<String, String> fleet = Map.of();
    private Vertx vertx;
    private ConsoleSimulator simulator;

    @Override
    public void init(Map<String, String> initArgs) {
        fleet = initArgs;
    }

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        simulator = new ConsoleSimulator(vertx, SEED).start();
        Map<String, String> config = new HashMap<>();
        for (int i = 1; i <= count(V2, CONSOLES); i++) {
            withPassword(config, add(config, String.format("sim-%02d", i), ApiFlavour.V2));
        }
        for (int i = 1; i <= count(V3_PASSWORD, 0); i++) {
            withPassword(config, add(config, String.format("v3p-%02d", i), ApiFlavour.V3));
        }
        for (int i = 1; i <= count(V3_API_KEY, 0); i++) {
            SimulatedConsole console = add(config, String.format("v3k-%02d", i), ApiFlavour.V3);
            config.put(key(console, "api-key"), console.apiKey());
        }
        config.put("gateway.fetch.page-size", String.valueOf(PAGE_SIZE));
        return config;
    }

    private int count(String kind, int fallback) {
        return Integer.parseInt(fleet.getOrDefault(kind, String.valueOf(fallback)));
    }

    private SimulatedConsole add(Map<String, String> config, String name, ApiFlavour api) {
        SimulatedConsole console = simulator.addConsole(name, LICENSES, api);
        config.put(key(console, "url"), simulator.baseUri(name).toString());
        config.put(key(console, "api"), api.label());
        return console;
    }

    private static void withPassword(Map<String, String> config, SimulatedConsole console) {
        config.put(key(console, "username"), console.username());
        config.put(key(console, "password"), console.password());
    }

    private static String key(SimulatedConsole console, String property) {
        return "gateway.consoles." + console.name() + "." + property;
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
