package io.licensegateway.console;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One configured (or simulated) console, validated. {@code timeout}: its own deadline for a fetch, when it has one
 * (else {@code gateway.fetch.timeout} applies).
 */
public record Console(String name, URI url, ApiFlavour api, Credentials credentials, Optional<Path> caCert,
        List<String> pins, boolean trustAll, Optional<Duration> timeout, boolean enabled) {
}
