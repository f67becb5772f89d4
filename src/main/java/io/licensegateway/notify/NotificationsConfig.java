package io.licensegateway.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;

/** {@code gateway.notifications.*}: webhook targets and how their deliveries are sent (docs/operations.md "Webhooks"). */
@ConfigMapping(prefix = "gateway.notifications")
public interface NotificationsConfig {

    /** Webhook targets by name: {@code gateway.notifications.webhooks.<name>.url}, {@code .secret}, {@code .events}. */
    Map<String, Webhook> webhooks();

    /**
     * Days before a license's expiration date at which {@code license.expiring} is raised, once per license and
     * threshold.
     */
    @WithDefault("30,7,1")
    List<@Min(1) @Max(3650) Integer> expiryDays();

    Sender sender();

    interface Webhook {
        /** Where events are POSTed. */
        @Pattern(regexp = "https?://[^@/?#\\s]+(/[^#\\s]*)?", message = "must be an http(s) URL without user info or fragment")
        String url();

        /**
         * Standard Webhooks signing secret: {@code whsec_} + base64 of the key (at least 24 bytes). Checked at start-up
         * ({@link Webhooks}); never logged, never served.
         */
        String secret();

        /** Event types this target receives ({@link EventType#key()}); all when absent. */
        Optional<List<String>> events();
    }

    interface Sender {
        /**
         * Whether this instance delivers webhooks. Events are written to the outbox either way; any instance with the
         * sender enabled delivers them.
         */
        @WithDefault("true")
        boolean enabled();

        /** How often due deliveries are looked for. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Deadline of one delivery attempt: connect, send and the receiver's answer. */
        @WithDefault("10s")
        Duration timeout();

        /** Delay before the first retry; doubles with each attempt up to {@link #maxDelay()}. */
        @WithDefault("5s")
        Duration initialDelay();

        @WithDefault("10m")
        Duration maxDelay();

        /** Random spread of each delay, as a fraction of it (0.5 = ±50 %). */
        @WithDefault("0.5")
        @DecimalMin("0")
        @DecimalMax("1")
        double jitter();

        /** A delivery not delivered this long after its event is given up and marked FAILED. */
        @WithDefault("24h")
        Duration maxAge();

        /** Deliveries in flight per target at once; a slow target uses up its own, never another's. */
        @WithDefault("4")
        @Min(1)
        @Max(64)
        int maxInFlight();

        /**
         * The most of a receiver's answer body that is read (it is only drained, never kept); a larger answer fails the
         * attempt ("answer larger than …") and its connection is closed, so a receiver cannot fill the heap.
         */
        @WithDefault("64K")
        MemorySize maxAnswerSize();

        /** Delivered and failed deliveries are deleted after this long. */
        @WithDefault("7d")
        Duration keep();
    }
}
