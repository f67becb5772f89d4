package io.licensegateway.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.licensegateway.console.GatewayConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The configured webhook targets, checked at start-up (a bad secret or event name stops it, naming the key but
 * never the value), and Standard Webhooks signing.
 */
@Startup
@ApplicationScoped
public class Webhooks {

    static final String SECRET_PREFIX = "whsec_";
    private static final int MIN_KEY_BYTES = 24;

    /** One target: where, the HMAC key (decoded secret) and which events it receives. */
    public static final class Target {
        private final String name;
        private final String url;
        private final byte[] key;
        private final Set<EventType> events;

        Target(String name, String url, byte[] key, Set<EventType> events) {
            this.name = name;
            this.url = url;
            this.key = key;
            this.events = events;
        }

        public String name() {
            return name;
        }

        String url() {
            return url;
        }

        public boolean receives(EventType type) {
            return events.contains(type);
        }

        /** {@code v1,} + base64 HMAC-SHA256 of {@code id.timestamp.body} (Standard Webhooks). */
        String sign(String id, long timestamp, String body) {
            return "v1," + signature(key, id, timestamp, body);
        }

        @Override
        public String toString() {
            return "webhook target " + name; // never the key, nor the URL (it may carry a token)
        }
    }

    private final List<Target> targets;

    Webhooks(NotificationsConfig config, GatewayConfig gateway) {
        if (!gateway.allowInsecureTransport()) {
            List<String> plain = new TreeMap<>(config.webhooks()).entrySet().stream()
                    .filter(webhook -> webhook.getValue().url().regionMatches(true, 0, "http:", 0, 5))
                    .map(webhook -> "gateway.notifications.webhooks." + webhook.getKey() + ".url").toList();
            if (!plain.isEmpty()) {
                throw new IllegalStateException(String.join(", ", plain) + " is http://: events and their signatures "
                        + "would travel unencrypted (use https://, or set gateway.allow-insecure-transport=true)");
            }
        }
        List<Target> found = new ArrayList<>();
        new TreeMap<>(config.webhooks()).forEach((name, webhook) -> found.add(new Target(name, webhook.url(),
                key(name, webhook.secret()), events(name, webhook))));
        this.targets = List.copyOf(found);
        if (!targets.isEmpty()) {
            Log.infof("Webhook targets: %s", targets.stream().map(Target::name).toList());
        }
    }

    public List<Target> targets() {
        return targets;
    }

    public Target target(String name) {
        return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }

    /** Whether any target receives this type: events nobody receives are not even derived. */
    public boolean wanted(EventType type) {
        return targets.stream().anyMatch(t -> t.receives(type));
    }

    /** The base64 HMAC-SHA256 of {@code id.timestamp.body} with {@code key}. */
    public static String signature(byte[] key, String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(
                    mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The key of a {@code whsec_} secret. */
    public static byte[] key(String name, String secret) {
        String prefix = "gateway.notifications.webhooks." + name + ".secret ";
        if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
            throw new IllegalArgumentException(prefix + "must start with " + SECRET_PREFIX
                    + " followed by the base64 of the key (Standard Webhooks)");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "is not " + SECRET_PREFIX + " followed by valid base64");
        }
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException(prefix + "holds a key of " + key.length + " bytes; use at least "
                    + MIN_KEY_BYTES + " random bytes, e.g. whsec_$(head -c 32 /dev/urandom | base64)");
        }
        return key;
    }

    private static Set<EventType> events(String name, NotificationsConfig.Webhook webhook) {
        if (webhook.events().isEmpty()) {
            return EnumSet.allOf(EventType.class);
        }
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        for (String key : webhook.events().get()) {
            events.add(EventType.ofKey(key).orElseThrow(() -> new IllegalArgumentException(
                    "gateway.notifications.webhooks." + name + ".events names an unknown event type '" + key
                            + "'; known: " + EnumSet.allOf(EventType.class).stream().map(EventType::key).toList())));
        }
        return events;
    }
}
