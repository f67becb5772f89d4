package io.licensegateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.licensegateway.console.Console;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.tls.BaseTlsConfiguration;
import io.quarkus.tls.TlsConfiguration;
import io.vertx.core.net.TrustOptions;

/**
 * Builds REST clients for one console: its base URL, the request timeout and its TLS trust (system trust by
 * default, the console's own CA bundle, optionally certificate pins, or — in development only — trust-all).
 * Hostnames are verified unless trust-all is on.
 */
public final class RestClients {

    private final long timeoutMillis;

    /** {@code requestTimeout}: the connect and the read deadline of every request. */
    public RestClients(Duration requestTimeout) {
        this.timeoutMillis = requestTimeout.toMillis();
    }

    public <T> T build(Console console, Class<T> api) {
        QuarkusRestClientBuilder builder = QuarkusRestClientBuilder.newBuilder()
                .baseUri(console.url())
                .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .disableDefaultMapper(true)
                .followRedirects(false);
        if (console.trustAll()) {
            builder.trustAll(true).verifyHost(false);
        }
        if (!console.pins().isEmpty()) {
            builder.tlsConfiguration(pinnedTls(console));
        } else {
            console.caCert().ifPresent(pem -> builder.trustStore(trustStore(console.name(), pem), "unused"));
        }
        return builder.build(api);
    }

    /** The console's CA bundle (or the system trust) with its certificate pins on top; hostnames still verified. */
    private static TlsConfiguration pinnedTls(Console console) {
        try {
            KeyStore cas = console.caCert().map(pem -> trustStore(console.name(), pem)).orElse(null);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(cas);
            X509TrustManager trusted = Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow();
            TrustOptions pinned = TrustOptions.wrap(new PinningTrustManager(trusted, console.pins(), console.name()));
            return new BaseTlsConfiguration() {
                @Override
                public TrustOptions getTrustStoreOptions() {
                    return pinned;
                }

                @Override
                public KeyStore getTrustStore() {
                    return cas;
                }

                @Override
                public Optional<String> getHostnameVerificationAlgorithm() {
                    return Optional.of("HTTPS");
                }
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("gateway.consoles." + console.name() + ".tls: " + e.getMessage(), e);
        }
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
