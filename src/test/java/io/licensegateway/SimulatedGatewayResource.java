package io.licensegateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Configures the packaged gateway that {@code @QuarkusIntegrationTest} launches (the values become system properties
 * of its process): the built-in simulator with three consoles, the local PostgreSQL database {@code test}, and a free
 * management port, since the prod profile's fixed 9000 may be taken by another build on the machine. The port is
 * injected into {@link ManagementPort} fields.
 */
public class SimulatedGatewayResource implements QuarkusTestResourceLifecycleManager {

    static final int CONSOLES = 3;
    static final int LICENSES_PER_CONSOLE = 200;
    /** The launched gateway knows only this key's hash. */
    static final String ADMIN_KEY = "it-admin-key";
    private static final String ADMIN_KEY_SHA256 = "c81407b5b47ade8fcc850050f2a85e4b6ee2f35f3f5cd9c4c1408c6a7ee98893";

    private int managementPort;

    @Override
    public Map<String, String> start() {
        managementPort = freePort();
        return Map.of(
                "gateway.security.api-keys.it-admin.sha256", ADMIN_KEY_SHA256,
                "gateway.security.api-keys.it-admin.role", "admin",
                "gateway.simulator.enabled", "true",
                "gateway.simulator.consoles", String.valueOf(CONSOLES),
                "gateway.simulator.licenses-per-console", String.valueOf(LICENSES_PER_CONSOLE),
                "gateway.simulator.latency", "10ms",
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:5432/test",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:5432/test",
                "quarkus.datasource.username", "postgres",
                "quarkus.management.port", String.valueOf(managementPort));
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(managementPort,
                new TestInjector.AnnotatedAndMatchesType(ManagementPort.class, int.class));
    }

    @Override
    public void stop() {
        // the launched gateway stops with the test run; nothing else to release
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
