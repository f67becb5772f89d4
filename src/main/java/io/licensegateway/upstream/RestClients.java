package io.licensegateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.concurrent.TimeUnit;

import io.licensegateway.console.Console;
import io.licensegateway.console.GatewayConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds REST clients for one console: its base URL, the request timeout and its TLS trust (system trust by
 * default, the console's own CA bundle, or — in development only — trust-all). Hostnames are verified unless
 * trust-all is on.
 */
@ApplicationScoped
public class RestClients {

    private final GatewayConfig config;

    RestClients(GatewayConfig config) {
        this.config = config;
    }

    public <T> T build(Console console, Class<T> api) {
        long timeout = config.fetch().requestTimeout().toMillis();
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(console.url())
                .connectTimeout(timeout, TimeUnit.MILLISECONDS)
                .readTimeout(timeout, TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false);
        if (console.trustAll()) {
            builder.trustAll(true).verifyHost(false);
        }
        console.caCert().ifPresent(pem -> builder.trustStore(trustStore(console.name(), pem), "unused"));
        return builder.build(api);
    }

    static KeyStore trustStore(String consoleName, Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new IllegalStateException("gateway.consoles." + consoleName + ".tls.ca-cert: no certificate in " + pem);
            }
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("gateway.consoles." + consoleName + ".tls.ca-cert: cannot read a PEM "
                    + "certificate from " + pem + " (" + e.getMessage() + ")", e);
        }
    }
}
