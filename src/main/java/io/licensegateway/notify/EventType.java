package io.licensegateway.notify;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The CloudEvents this gateway sends; {@link #key()} is what {@code .events} of a webhook target lists. */
public enum EventType {
    LICENSE_EXPIRING("license.expiring"),
    LICENSE_EXPIRED("license.expired"),
    LICENSE_OVERUSED("license.overused"),
    LICENSE_STATUS_CHANGED("license.status-changed"),
    CONSOLE_FAILING("console.failing"),
    CONSOLE_RECOVERED("console.recovered");

    /** The CloudEvents {@code type} prefix: reverse DNS of the project. */
    public static final String PREFIX = "io.licensegateway.";

    private final String key;

    EventType(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code io.licensegateway.license.expiring}. */
    public String type() {
        return PREFIX + key;
    }

    public static Optional<EventType> ofKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key.trim().toLowerCase(Locale.ROOT))).findFirst();
    }
}
