package io.licensegateway.console;

import java.util.Optional;

/** How the gateway logs in to a console. {@link #toString()} never shows a secret. */
public record Credentials(Optional<String> username, Optional<String> password, Optional<String> apiKey) {

    public static Credentials password(String username, String password) {
        return new Credentials(Optional.of(username), Optional.of(password), Optional.empty());
    }

    public static Credentials apiKey(String apiKey) {
        return new Credentials(Optional.empty(), Optional.empty(), Optional.of(apiKey));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username.orElse("-") + ", password=" + (password.isPresent() ? "***" : "-")
                + ", apiKey=" + (apiKey.isPresent() ? "***" : "-") + "]";
    }
}
