package io.licensegateway.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Puts a {@link TcpProxy} between the application's reactive pool and PostgreSQL (Flyway still migrates directly), so
 * a test can take the database away from the gateway and give it back.
 */
public class DatabaseProxyResource implements QuarkusTestResourceLifecycleManager {

    private static volatile TcpProxy proxy;

    /** The proxy of the running test application. */
    public static TcpProxy proxy() {
        return proxy;
    }

    @Override
    public Map<String, String> start() {
        proxy = new TcpProxy(5432);
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/test",
                "gateway.database.acquire-timeout", "1s");
    }

    @Override
    public void stop() {
        proxy.close();
    }
}
