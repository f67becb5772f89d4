package io.licensegateway.security;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;

/** {@code gateway.security.*}: who may call the API. Only hashes are configured, never keys or passwords. */
@ConfigMapping(prefix = "gateway.security")
public interface SecurityConfig {

    String SHA256_HEX = "[0-9a-fA-F]{64}";

    /** API keys by name: {@code gateway.security.api-keys.<name>.sha256} and {@code .role}. */
    Map<String, ApiKey> apiKeys();

    /** Accounts that may log in at the VAC-compatible {@code POST /token}; they get the reader role. */
    Map<String, VacAccount> vacAccounts();

    /** Lifetime of tokens issued by {@code POST /token}. */
    @WithDefault("1h")
    Duration vacTokenLifetime();

    Oidc oidc();

    interface ApiKey {
        /** Hex SHA-256 of the key: {@code printf %s "$KEY" | sha256sum}. */
        @Pattern(regexp = SHA256_HEX, message = "must be 64 hex digits (a SHA-256)")
        String sha256();

        @WithDefault("reader")
        Role role();
    }

    interface VacAccount {
        @Pattern(regexp = SHA256_HEX, message = "must be 64 hex digits (a SHA-256)")
        String passwordSha256();
    }

    interface Oidc {
        /** Also accept OIDC bearer tokens (configure {@code quarkus.oidc.*}); off by default. */
        @WithDefault("false")
        boolean enabled();
    }
}
