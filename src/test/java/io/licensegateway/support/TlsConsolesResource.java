package io.licensegateway.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import io.licensegateway.simulator.ConsoleSimulator;
import io.licensegateway.simulator.SimulatedConsole;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.certs.CertificateGenerator;
import io.smallrye.certs.CertificateRequest;
import io.smallrye.certs.Format;
import io.vertx.core.Vertx;

/**
 * Two HTTPS simulators with certificates generated at test time: one for {@code localhost}/127.0.0.1, one for
 * a name that does not match 127.0.0.1. Consoles are configured with every TLS variant the gateway supports.
 */
public class TlsConsolesResource implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;
    private ConsoleSimulator matching;
    private ConsoleSimulator mismatching;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("console-certs");
            CertificateGenerator generator = new CertificateGenerator(dir, true);
            for (String[] spec : new String[][] { { "console", "localhost", "IP:127.0.0.1" },
                    { "other", "other.example", "DNS:other.example" },
                    { "wronghost", "wrong-host.example", "DNS:wrong-host.example" } }) {
                generator.generate(new CertificateRequest().withName(spec[0]).withFormat(Format.PEM).withCN(spec[1])
                        .withSubjectAlternativeName(spec[2]).withDuration(Duration.ofDays(2)));
            }
            vertx = Vertx.vertx();
            matching = new ConsoleSimulator(vertx, 1).startHttps(dir.resolve("console.crt"), dir.resolve("console.key"));
            mismatching = new ConsoleSimulator(vertx, 1).startHttps(dir.resolve("wronghost.crt"),
                    dir.resolve("wronghost.key"));
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(Files.newInputStream(dir.resolve("console.crt")));

            Map<String, String> config = new HashMap<>();
            String ca = dir.resolve("console.crt").toString();
            console(config, matching, "tls-ca", Map.of("tls.ca-cert", ca));
            console(config, matching, "tls-system-trust", Map.of());
            console(config, matching, "tls-other-ca", Map.of("tls.ca-cert", dir.resolve("other.crt").toString()));
            console(config, matching, "tls-pinned-cert", Map.of("tls.ca-cert", ca, "tls.pins", sha256(certificate.getEncoded())));
            console(config, matching, "tls-pinned-key", Map.of("tls.ca-cert", ca,
                    "tls.pins", "00".repeat(32) + "," + sha256(certificate.getPublicKey().getEncoded())));
            console(config, matching, "tls-wrong-pin", Map.of("tls.ca-cert", ca, "tls.pins", "ab".repeat(32)));
            console(config, mismatching, "tls-wrong-host", Map.of("tls.ca-cert", dir.resolve("wronghost.crt").toString()));
            console(config, mismatching, "tls-trust-all", Map.of("tls.trust-all", "true"));
            config.put("gateway.refresh.scheduled", "false");
            config.put("gateway.fetch.retry.max-retries", "0");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("Could not set up the HTTPS consoles", e);
        }
    }

    private static void console(Map<String, String> config, ConsoleSimulator simulator, String name,
            Map<String, String> tls) {
        SimulatedConsole console = simulator.addConsole(name, 5);
        String key = "gateway.consoles." + name + ".";
        config.put(key + "url", simulator.baseUri(name).toString());
        config.put(key + "username", console.username());
        config.put(key + "password", console.password());
        tls.forEach((k, v) -> config.put(key + k, v));
    }

    private static String sha256(byte[] der) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
    }

    @Override
    public void stop() {
        matching.close();
        mismatching.close();
        vertx.close();
    }
}
