package io.licensegateway.simulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Decodes an {@code application/x-www-form-urlencoded} body. */
final class Forms {

    private Forms() {
    }

    static Map<String, String> parse(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return form;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }
}
