package io.licensegateway.console;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * The consoles this gateway aggregates: those configured under {@code gateway.consoles.*} plus those of every
 * {@link ConsoleSource} (the simulator's, when it is enabled). Built once at start-up; a wrong entry stops start-up
 * with a message that names its key.
 */
@Startup
@ApplicationScoped
public class ConsoleRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    private final Map<String, Console> consoles = new TreeMap<>();

    ConsoleRegistry(GatewayConfig config, Instance<ConsoleSource> sources) {
        List<String> problems = new ArrayList<>();
        config.consoles().forEach((name, c) -> add(fromConfig(name, c, config.allowInsecureTransport(), problems)));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid console configuration: " + String.join("; ", problems));
        }
        sources.forEach(source -> source.consoles().forEach(this::add));
        consoles.values().stream().filter(Console::trustAll).forEach(c -> Log.warnf(
                "TLS verification is OFF for console %s (gateway.consoles.%s.tls.trust-all=true); use only in development",
                c.name(), c.name()));
        Log.infof("Consoles: %s", consoles.keySet());
    }

    private void add(Console console) {
        if (consoles.putIfAbsent(console.name(), console) != null) {
            throw new IllegalStateException("Console " + console.name() + " is defined twice");
        }
    }

    private static Console fromConfig(String name, GatewayConfig.ConsoleConfig c, boolean allowInsecure,
            List<String> problems) {
        String key = "gateway.consoles." + name;
        if (!NAME.matcher(name).matches()) {
            problems.add(key + ": the name must be lower-case letters, digits, '-' or '_' (at most 63)");
        }
        Credentials credentials = new Credentials(c.username(), c.password(), c.apiKey());
        boolean hasPassword = c.username().isPresent() && c.password().isPresent();
        if (c.api() == ApiFlavour.V2 && !hasPassword) {
            problems.add(key + ".username and " + key + ".password are required for api=v2");
        }
        if (c.api() == ApiFlavour.V3 && !hasPassword && c.apiKey().isEmpty()) {
            problems.add(key + ".api-key, or " + key + ".username and " + key + ".password, are required for api=v3");
        }
        if (c.api() == ApiFlavour.V2 && c.apiKey().isPresent()) {
            problems.add(key + ".api-key is only supported for api=v3");
        }
        c.tls().caCert().filter(p -> !p.toFile().canRead())
                .ifPresent(p -> problems.add(key + ".tls.ca-cert: cannot read " + p));
        if ((c.tls().caCert().isPresent() || c.tls().pins().isPresent()) && c.tls().trustAll()) {
            problems.add(key + ".tls.trust-all excludes " + key + ".tls.ca-cert and " + key + ".tls.pins");
        }
        if (!allowInsecure) {
            if (c.url().regionMatches(true, 0, "http:", 0, 5)) {
                problems.add(key + ".url is http://: credentials and licenses would travel unencrypted (use https://, "
                        + "or set gateway.allow-insecure-transport=true)");
            }
            if (c.tls().trustAll()) {
                problems.add(key + ".tls.trust-all=true turns certificate checks off (configure tls.ca-cert or "
                        + "tls.pins, or set gateway.allow-insecure-transport=true)");
            }
        }
        List<String> pins = c.tls().pins().orElse(List.of()).stream().map(p -> p.toLowerCase(Locale.ROOT)).toList();
        return new Console(name, URI.create(c.url()), c.api(), credentials, c.tls().caCert(), pins,
                c.tls().trustAll(), c.timeout(), c.enabled());
    }

    public Collection<Console> all() {
        return consoles.values();
    }

    public List<Console> enabled() {
        return consoles.values().stream().filter(Console::enabled).toList();
    }

    public Optional<Console> find(String name) {
        return Optional.ofNullable(consoles.get(name));
    }
}
