package io.licensegateway.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** Without gateway.allow-insecure-transport (production's default), an http:// webhook stops start-up. */
@QuarkusMainTest
@TestProfile(InsecureWebhookTests.PlainHttp.class)
class InsecureWebhookTests {

    public static class PlainHttp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.allow-insecure-transport", "false",
                    "gateway.notifications.webhooks.ops.url", "http://hooks.example.com/x",
                    "gateway.notifications.webhooks.ops.secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                    "gateway.refresh.scheduled", "false");
        }
    }

    @Test
    @Launch(value = {}, exitCode = 1)
    void stopsStartUpNamingTheWebhookAndTheSettingThatWouldAllowIt(LaunchResult result) {
        assertThat(result.getOutput() + result.getErrorOutput())
                .contains("gateway.notifications.webhooks.ops.url is http://")
                .contains("gateway.allow-insecure-transport=true")
                .doesNotContain("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    }
}
