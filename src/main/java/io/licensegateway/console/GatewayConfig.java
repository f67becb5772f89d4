package io.licensegateway.console;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;

/**
 * The consoles ({@code gateway.consoles.*}) and how often they are refreshed ({@code gateway.refresh.*}), which also
 * decides when a console's data counts as stale. Each feature maps its own other {@code gateway.*} keys. Quarkus
 * validates them at start-up and names the offending key.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

    /** The consoles to aggregate, keyed by their name (used in the API and in metrics). */
    Map<String, ConsoleConfig> consoles();

    Refresh refresh();

    /**
     * Accept {@code http://} console and webhook URLs and {@code tls.trust-all} consoles. Off by default, so
     * production refuses to start with them; on in the dev and test profiles.
     */
    @WithDefault("false")
    boolean allowInsecureTransport();

    interface ConsoleConfig {
        /** Base URL of the console, e.g. {@code https://vac.example.com:1281}; no user info, no query. */
        @Pattern(regexp = "https?://[^@/?#\\s]+(/[^?#\\s]*)?", message = "must be an http(s) URL without user info, query or fragment")
        String url();

        /** {@code v2} = VAC REST v2, {@code v3} = VSPC REST v3. */
        @WithDefault("v2")
        ApiFlavour api();

        Optional<String> username();

        Optional<String> password();

        /** VSPC v3 only: a REST API key, sent as bearer instead of a password grant. */
        Optional<String> apiKey();

        @WithDefault("true")
        boolean enabled();

        /** Overall deadline for one fetch of this console; defaults to {@code gateway.fetch.timeout}. */
        Optional<Duration> timeout();

        Tls tls();
    }

    interface Tls {
        /** PEM file with the CA certificate(s) that signed the console's certificate. */
        Optional<Path> caCert();

        /**
         * SHA-256 (hex) of the console's certificate or of its public key (SubjectPublicKeyInfo); when set, the
         * certificate must also match one of them, on top of the usual chain and hostname checks.
         */
        Optional<List<@Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex digits (a SHA-256)") String>> pins();

        /** Development only: accept any certificate. Logged as a warning. */
        @WithDefault("false")
        boolean trustAll();
    }

    interface Refresh {
        /** Time between scheduled refreshes; the first runs at start-up. */
        @WithDefault("15m")
        Duration interval();

        /** Whether this instance schedules refreshes at all (manual refresh always works). */
        @WithDefault("true")
        boolean scheduled();
    }
}
