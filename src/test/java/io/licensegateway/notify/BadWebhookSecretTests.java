package io.licensegateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** A webhook secret that is not a Standard Webhooks secret stops start-up, naming the key and never the value. */
@QuarkusMainTest
@TestProfile(BadWebhookSecretTests.PlainSecret.class)
class BadWebhookSecretTests {

    static final String SECRET = "TopSecretHook-0815";

    public static class PlainSecret implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.notifications.webhooks.ops.url", "https://hooks.example.com/x",
                    "gateway.notifications.webhooks.ops.secret", SECRET,
                    "gateway.refresh.scheduled", "false");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void stopsStartUpNamingTheKeyButNotTheSecret(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("gateway.notifications.webhooks.ops.secret must start with whsec_")
                .doesNotContain(SECRET);
    }
}
