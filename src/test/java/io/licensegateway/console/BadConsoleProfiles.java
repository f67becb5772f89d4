package io.licensegateway.console;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Start-up configurations that must fail, each naming the bad key (and never printing the password). */
final class BadConsoleProfiles {

    static final String PASSWORD = "TopSecret-4711";

    private BadConsoleProfiles() {
    }

    abstract static class BadConsole implements QuarkusTestProfile {
        abstract Map<String, String> console();

        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>(Map.of(
                    "gateway.consoles.eu-1.url", "https://vac.example.com:1281",
                    "gateway.consoles.eu-1.username", "svc",
                    "gateway.consoles.eu-1.password", PASSWORD,
                    "gateway.refresh.scheduled", "false"));
            config.putAll(console());
            config.values().removeIf(String::isEmpty);
            return config;
        }
    }

    /** What production refuses unless gateway.allow-insecure-transport says otherwise. */
    public static class InsecureTransport extends BadConsole {
        Map<String, String> console() {
            return Map.of("gateway.allow-insecure-transport", "false",
                    "gateway.consoles.eu-1.url", "http://vac.example.com:1281",
                    "gateway.consoles.us-1.url", "https://vac-us.example.com:1281",
                    "gateway.consoles.us-1.username", "svc",
                    "gateway.consoles.us-1.password", PASSWORD,
                    "gateway.consoles.us-1.tls.trust-all", "true");
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
}
