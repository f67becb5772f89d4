package io.licensegateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

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

    Throttle throttle();

    Audit audit();

    Signing signing();

    /**
     * {@code gateway.security.signing.*}: paging cursors and VAC-compatible tokens are signed under separate HMAC keys
     * (kept in PostgreSQL, created on first use), each named by a key id. To rotate one, set a new id and list the old
     * one under {@code accepted-key-ids} for as long as its texts live (tokens: 8 x the token lifetime; cursors: the
     * history retention), then remove it.
     */
    interface Signing {
        String KEY_ID = "[a-z0-9-]{1,16}";

        @WithDefault("c1")
        @Pattern(regexp = KEY_ID)
        String cursorKeyId();

        Optional<List<@Pattern(regexp = KEY_ID) String>> cursorAcceptedKeyIds();

        @WithDefault("t1")
        @Pattern(regexp = KEY_ID)
        String tokenKeyId();

        Optional<List<@Pattern(regexp = KEY_ID) String>> tokenAcceptedKeyIds();

        /**
         * Also accept cursors and tokens of earlier versions, signed under their one shared key without a key id; set
         * false once those have run out.
         */
        @WithDefault("true")
        boolean acceptLegacyKey();
    }

    interface ApiKey {
        /** Hex SHA-256 of the key: {@code printf %s "$KEY" | sha256sum}. */
        @Pattern(regexp = SHA256_HEX, message = "must be 64 hex digits (a SHA-256)")
        String sha256();

        @WithDefault("reader")
        Role role();

        /**
         * Requests per second this key may send to each replica (absent: no limit); beyond it the answer is a 429
         * problem with {@code Retry-After}.
         */
        @Positive
        OptionalDouble requestsPerSecond();

        /** Requests the key may send at once above that rate; default one second's worth, at least 1. */
        @Positive
        OptionalInt burst();
    }

    /** Set exactly one of the two ({@link VacPasswords} checks at start-up). */
    interface VacAccount {
        /**
         * The password as PBKDF2-HMAC-SHA256 with a salt: {@code pbkdf2-sha256:<iterations>:<salt hex>:<hash hex>}
         * (README "VAC accounts" shows how to produce one).
         */
        Optional<String> passwordPbkdf2();

        /** Earlier versions' unsalted SHA-256 (hex): still read, with a start-up warning. */
        Optional<@Pattern(regexp = SHA256_HEX, message = "must be 64 hex digits (a SHA-256)") String> passwordSha256();
    }

    interface Oidc {
        /** Also accept OIDC bearer tokens (configure {@code quarkus.oidc.*}); off by default. */
        @WithDefault("false")
        boolean enabled();
    }

    /**
     * {@code gateway.security.throttle.*}: failed authentications are counted per client address (any credential),
     * per VAC account and per (VAC account, address) ({@code POST /token}), in memory and folded into PostgreSQL at
     * most once per key and {@link #foldInterval()}, over a window that starts with the first failure.
     */
    interface Throttle {
        /**
         * How often the failures counted by this replica are added to the counts all replicas share (and the audit
         * trail's aggregated failures brought up to date); a key's first failure is folded at once.
         */
        @WithDefault("1s")
        Duration foldInterval();

        /** How long failures are counted; also how long a lock lasts after the failure that set or renewed it. */
        @WithDefault("15m")
        Duration window();

        /** Failures from one client address within the window that lock the address (429 until the window ends). */
        @WithDefault("30")
        @Min(1)
        int maxFailuresPerAddress();

        /**
         * Failed passwords for one VAC account from one client address within the window that lock that account for
         * that address at {@code POST /token} (other addresses can still log in to it).
         */
        @WithDefault("10")
        @Min(1)
        int maxFailuresPerAccount();

        /**
         * Failed passwords for one VAC account from all addresses within the window after which every login for it,
         * right or wrong, waits: {@link #initialDelay()} doubling up to {@link #accountMaxDelay()}. The account itself
         * is never locked, so nobody can lock its real user out.
         */
        @WithDefault("10")
        @Min(0)
        int accountDelayAfter();

        @WithDefault("2s")
        Duration accountMaxDelay();

        /** Failures answered at once; each later one within the window is answered after a growing delay. */
        @WithDefault("3")
        @Min(0)
        int failuresBeforeDelay();

        /** Delay of the first delayed failure; it doubles with each further failure up to {@link #maxDelay()}. */
        @WithDefault("250ms")
        Duration initialDelay();

        @WithDefault("4s")
        Duration maxDelay();

        /**
         * Addresses (CIDRs such as {@code 10.0.0.0/8}, {@code fd00::/8}, or single addresses) of reverse proxies whose
         * {@code X-Forwarded-For} is believed. Without them the client address is the TCP peer's.
         */
        Optional<List<@Pattern(regexp = "[0-9a-fA-F:.]+(/[0-9]{1,3})?", message = "must be an IP address or a CIDR")
                String>> trustedProxies();
    }

    /** {@code gateway.security.audit.*}: the audit trail of {@code GET /api/v1/audit}. */
    interface Audit {
        /** How long audit events are kept; older ones are pruned hourly, in bounded batches. */
        @WithDefault("90d")
        Duration keep();

        /**
         * How long one row of the trail aggregates equal refused authentications (same outcome, principal, credential,
         * address and request) before a new row starts.
         */
        @WithDefault("15m")
        Duration aggregateFor();

        /** Events deleted per statement when pruning; keeps each delete's locks and WAL small. */
        @WithDefault("1000")
        @Min(1)
        @Max(100000)
        int pruneBatch();
    }
}
