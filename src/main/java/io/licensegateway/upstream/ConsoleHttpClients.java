package io.licensegateway.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Arrays;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.licensegateway.console.Console;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.TrustOptions;

/**
 * Builds the HTTP client of one console: its base URL, the request timeout, the page size limit and its TLS trust
 * (system trust by default, the console's own CA bundle, optionally certificate pins, or — in development only —
 * trust-all). Hostnames are verified unless trust-all is on. Building one opens nothing: connections are made on the
 * first call.
 */
public final class ConsoleHttpClients {

    private final Vertx vertx;
    private final int timeout;
    private final int maxPageBytes;

    /** {@code requestTimeout}: the connect and the read deadline of every request. */
    public ConsoleHttpClients(Vertx vertx, Duration requestTimeout, int maxPageBytes) {
        this.vertx = vertx;
        this.timeout = Math.toIntExact(requestTimeout.toMillis());
        this.maxPageBytes = maxPageBytes;
    }

    public ConsoleHttp build(Console console) {
        HttpClientOptions options = new HttpClientOptions().setConnectTimeout(timeout).setName("console-" + console.name());
        if (console.trustAll()) {
            options.setTrustAll(true).setVerifyHost(false);
        } else if (!console.pins().isEmpty() || console.caCert().isPresent()) {
            options.setTrustOptions(TrustOptions.wrap(trustManager(console)));
        }
        return new ConsoleHttp(vertx.createHttpClient(options), console.url(), MultiMap.caseInsensitiveMultiMap(),
                timeout, maxPageBytes);
    }

    /** The console's CA bundle (or the system trust), with its certificate pins on top when it has any. */
    private static X509TrustManager trustManager(Console console) {
        try {
            KeyStore cas = console.caCert().map(pem -> trustStore(console.name(), pem)).orElse(null);
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(cas);
            X509TrustManager trusted = Arrays.stream(factory.getTrustManagers())
                    .filter(X509TrustManager.class::isInstance).map(X509TrustManager.class::cast).findFirst()
                    .orElseThrow();
            return console.pins().isEmpty() ? trusted : new PinningTrustManager(trusted, console.pins(), console.name());
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
