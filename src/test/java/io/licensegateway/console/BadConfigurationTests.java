package io.licensegateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainTest;

/** Wrong console configuration stops start-up with a message that names the key. */
class BadConfigurationTests {

    abstract static class BadConsole implements QuarkusTestProfile {
        abstract Map<String, String> console();

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(Map.of(
                    "gateway.consoles.eu-1.url", "https://vac.example.com:1281",
                    "gateway.consoles.eu-1.username", "svc",
                    "gateway.consoles.eu-1.password", "TopSecret-4711",
                    "gateway.refresh.scheduled", "false"));
            config.putAll(console());
            config.values().removeIf(String::isEmpty);
            return config;
        }
    }

    public static class BadUrl extends BadConsole {
        Map<String, String> console() {
            return Map.of("gateway.consoles.eu-1.url", "ftp://vac.example.com");
        }
    }

    public static class MissingPassword extends BadConsole {
        Map<String, String> console() {
            return Map.of("gateway.consoles.eu-1.password", "");
        }
    }

    public static class UnknownFlavour extends BadConsole {
        Map<String, String> console() {
            return Map.of("gateway.consoles.eu-1.api", "v9");
        }
    }

    @QuarkusMainTest
    @TestProfile(BadUrl.class)
    static class WithBadUrl {
        @Test
        @Launch(value = {}, exitCode = 1)
        void namesTheKey(LaunchResult result) {
            assertThat(result.getOutput() + result.getErrorOutput()).contains("gateway.consoles.eu-1.url")
                    .doesNotContain("TopSecret-4711");
        }
    }

    @QuarkusMainTest
    @TestProfile(MissingPassword.class)
    static class WithMissingPassword {
        @Test
        @Launch(value = {}, exitCode = 1)
        void namesTheKey(LaunchResult result) {
            assertThat(result.getOutput() + result.getErrorOutput()).contains("gateway.consoles.eu-1.password");
        }
    }

    @QuarkusMainTest
    @TestProfile(UnknownFlavour.class)
    static class WithUnknownFlavour {
        @Test
        @Launch(value = {}, exitCode = 1)
        void namesTheKey(LaunchResult result) {
            assertThat(result.getOutput() + result.getErrorOutput()).contains("gateway.consoles.eu-1.api")
                    .doesNotContain("TopSecret-4711");
        }
    }
}
