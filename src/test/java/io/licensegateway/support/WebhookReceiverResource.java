package io.licensegateway.support;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;

/**
 * Starts a {@link WebhookReceiver} before the application and configures two webhook targets on it: {@code alpha}
 * (every event) and {@code beta} (expiry events only), each with a fresh random secret, and fast sender timings.
 * Init arg {@value #SENDER} = false configures the application's own sender off (the outbox fills, nothing is sent).
 */
public class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    public static final String SENDER = "sender";
    public static final String ALPHA = "/alpha";
    public static final String BETA = "/beta";

    private boolean sender = true;
    private Vertx vertx;
    private WebhookReceiver receiver;

    @Override
    public void init(Map<String, String> initArgs) {
        sender = Boolean.parseBoolean(initArgs.getOrDefault(SENDER, "true"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> secrets = Map.of(ALPHA, secret(), BETA, secret());
        vertx = Vertx.vertx();
        receiver = new WebhookReceiver(vertx, secrets).start();
        Map<String, String> config = new HashMap<>();
        String base = "http://127.0.0.1:" + receiver.port();
        config.put("gateway.notifications.webhooks.alpha.url", base + ALPHA);
        config.put("gateway.notifications.webhooks.alpha.secret", secrets.get(ALPHA));
        config.put("gateway.notifications.webhooks.beta.url", base + BETA);
        config.put("gateway.notifications.webhooks.beta.secret", secrets.get(BETA));
        config.put("gateway.notifications.webhooks.beta.events", "license.expiring,license.expired");
        config.put("gateway.notifications.sender.enabled", String.valueOf(sender));
        config.put("gateway.notifications.sender.poll-interval", "100ms");
        config.put("gateway.notifications.sender.timeout", "1s");
        config.put("gateway.notifications.sender.initial-delay", "100ms");
        config.put("gateway.notifications.sender.max-delay", "400ms");
        return config;
    }

    private static String secret() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(receiver,
                new TestInjector.AnnotatedAndMatchesType(InjectWebhookReceiver.class, WebhookReceiver.class));
    }

    @Override
    public void stop() {
        receiver.close();
        vertx.close();
    }
}
