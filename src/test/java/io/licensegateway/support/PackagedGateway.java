package io.licensegateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.licensegateway.simulator.ConsoleSimulator;
import io.vertx.core.Vertx;

/**
 * The packaged gateway ({@code target/quarkus-app/quarkus-run.jar}, prod profile) as a process of its own, on free
 * loopback ports, against a database of the local PostgreSQL, with one admin key; its output goes to
 * {@code <folder>/<name>.log}.
 */
public final class PackagedGateway implements AutoCloseable {

    public static final Path ROOT = Path.of("").toAbsolutePath();
    public static final Path JAR = ROOT.resolve("target/quarkus-app/quarkus-run.jar");
    private static final String ADMIN_KEY = "packaged-admin-key";

    private final Process process;
    private final int port;
    private final int management;
    private final Path log;
    private final HttpClient client = HttpClient.newHttpClient();

    private PackagedGateway(Process process, int port, int management, Path log) {
        this.process = process;
        this.port = port;
        this.management = management;
        this.log = log;
    }

    /**
     * Starts one and waits until it is ready. {@code jvmOptions} come before {@code -jar}; {@code environment} adds
     * to the database, port and key settings (e.g. {@code GATEWAY_REFRESH_SCHEDULED=false}).
     */
    public static PackagedGateway start(String name, Path folder, String database, List<String> jvmOptions,
            Map<String, String> environment) throws Exception {
        Files.createDirectories(folder);
        int port = freePort();
        int management = freePort();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Dgateway.security.api-keys.packaged.sha256=" + sha256(ADMIN_KEY),
                "-Dgateway.security.api-keys.packaged.role=admin", "-jar", JAR.toString()));
        Path log = folder.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://127.0.0.1:5432/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(management));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.putAll(environment);
        PackagedGateway gateway = new PackagedGateway(builder.start(), port, management, log);
        gateway.awaitReady();
        return gateway;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A request with the admin key. */
    public HttpResponse<String> call(String method, String path) throws IOException, InterruptedException {
        return call(method, path, Map.of());
    }

    public HttpResponse<String> call(String method, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("X-API-Key", ADMIN_KEY).timeout(Duration.ofMinutes(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void awaitReady() throws Exception {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as("the gateway stopped during start-up; see %s", log).isTrue();
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the gateway was not ready within 120 s; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /**
     * Stops what a packaged-gateway test started: the gateways, the simulator in the test's JVM and its Vert.x, and
     * drops the test's database. Nulls (a start that failed half-way) are skipped.
     */
    public static void stopAll(List<PackagedGateway> gateways, ConsoleSimulator simulator, Vertx vertx, String database)
            throws Exception {
        for (PackagedGateway gateway : gateways) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (simulator != null) {
            simulator.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        database("drop database if exists " + database + " with (force)");
    }

    /** A statement run on the server's {@code postgres} database (create or drop a test database). */
    public static void database(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String sha256(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
