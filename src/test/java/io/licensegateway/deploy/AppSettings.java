package io.licensegateway.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the manifests must agree with, read from the application's {@code application.properties} (prod values:
 * a {@code %prod.} key wins over the plain one) with Quarkus's defaults for keys that are not set.
 */
record AppSettings(int httpPort, int managementPort, boolean managementEnabled, String startedPath, String readyPath,
        String livePath, String metricsPath, Duration shutdownTimeout) {

    /** The port that serves health and metrics: the management port when the management interface is on. */
    int operationsPort() {
        return managementEnabled ? managementPort : httpPort;
    }

    static AppSettings read(Path applicationProperties) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(applicationProperties, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + applicationProperties, e);
        }
        return of(properties);
    }

    static AppSettings of(Properties properties) {
        boolean managementEnabled = Boolean.parseBoolean(value(properties, "quarkus.management.enabled", "false"));
        String operationsRoot = managementEnabled
                ? value(properties, "quarkus.management.root-path", "/q")
                : join(value(properties, "quarkus.http.root-path", "/"),
                        value(properties, "quarkus.http.non-application-root-path", "q"));
        String healthRoot = join(operationsRoot, value(properties, "quarkus.smallrye-health.root-path", "health"));
        return new AppSettings(
                Integer.parseInt(value(properties, "quarkus.http.port", "8080")),
                Integer.parseInt(value(properties, "quarkus.management.port", "9000")),
                managementEnabled,
                join(healthRoot, value(properties, "quarkus.smallrye-health.startup-path", "started")),
                join(healthRoot, value(properties, "quarkus.smallrye-health.readiness-path", "ready")),
                join(healthRoot, value(properties, "quarkus.smallrye-health.liveness-path", "live")),
                join(operationsRoot, value(properties, "quarkus.micrometer.export.prometheus.path", "metrics")),
                duration(value(properties, "quarkus.shutdown.timeout", "0s")));
    }

    private static String value(Properties properties, String key, String defaultValue) {
        String value = properties.getProperty("%prod." + key, properties.getProperty(key, defaultValue)).trim();
        if (value.contains("${")) {
            throw new IllegalStateException(key + " is an expression (" + value + "); the manifest checks need a literal");
        }
        return value;
    }

    /** Quarkus's rule: a path that starts with '/' is absolute, anything else is relative to its parent. */
    private static String join(String parent, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String base = parent.startsWith("/") ? parent : "/" + parent;
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");

    /** Quarkus durations: a number of seconds, a number with ms/s/m/h/d, or ISO-8601 ({@code PT25S}). */
    static Duration duration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        return Duration.parse(text.toUpperCase(Locale.ROOT).startsWith("P") ? text : "PT" + text);
    }
}
