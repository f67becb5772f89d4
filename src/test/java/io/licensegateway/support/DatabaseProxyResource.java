package io.licensegateway.support;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

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
        // the database the test profile names (which environment variables may change), reached through the proxy
        String configured = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.reactive.url", String.class)
                .orElse("postgresql://127.0.0.1:5432/test");
        String database = configured.substring(configured.lastIndexOf('/') + 1);
        return Map.of("quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + proxy.port() + "/" + database,
                "gateway.database.acquire-timeout", "1s");
    }

    @Override
    public void stop() {
        proxy.close();
    }
}
