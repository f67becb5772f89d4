package io.licensegateway.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The VAC accounts' configured password hashes: PBKDF2-HMAC-SHA256 with a salt
 * ({@code password-pbkdf2 = pbkdf2-sha256:<iterations>:<salt hex>:<hash hex>}, the JDK's own implementation), or the
 * unsalted SHA-256 of earlier versions ({@code password-sha256}), still read with a start-up warning. A slow hash is
 * computed on a worker thread, never on the event loop.
 */
@ApplicationScoped
public class VacPasswords {

    static final String PBKDF2_PREFIX = "pbkdf2-sha256";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256 is 600,000; fewer are accepted, with a warning, above 10,000. */
    static final int MIN_ITERATIONS = 10_000;
    private static final Pattern PBKDF2 = Pattern.compile(
            PBKDF2_PREFIX + ":([0-9]{1,9}):((?:[0-9a-fA-F]{2}:?){16,64}):((?:[0-9a-fA-F]{2}:?){32,64})");

    private final SecurityConfig config;

    VacPasswords(SecurityConfig config) {
        this.config = config;
    }

    /** Stops start-up on an account with no usable hash (naming the key, never the value); warns about SHA-256. */
    void check(@Observes StartupEvent event) {
        config.vacAccounts().forEach((name, account) -> {
            String key = "gateway.security.vac-accounts." + name;
            if (account.passwordPbkdf2().isPresent() == account.passwordSha256().isPresent()) {
                throw new IllegalStateException(key + ": set exactly one of .password-pbkdf2 and .password-sha256");
            }
            account.passwordPbkdf2().ifPresent(hash -> {
                Pbkdf2 parsed = Pbkdf2.parse(hash);
                if (parsed == null || parsed.iterations() < MIN_ITERATIONS) {
                    throw new IllegalStateException(key + ".password-pbkdf2 must be " + PBKDF2_PREFIX
                            + ":<iterations, at least " + MIN_ITERATIONS + ">:<salt hex, 16+ bytes>:<hash hex, 32 bytes>");
                }
            });
            if (account.passwordSha256().isPresent()) {
                Log.warnf("%s.password-sha256 is an unsalted fast hash, crackable offline if the configuration leaks: "
                        + "replace it with .password-pbkdf2 (README \"VAC accounts\")", key);
            }
        });
    }

    /** Whether the password is the account's; false for unknown accounts. Completes on a worker thread. */
    Uni<Boolean> matches(String account, String password) {
        SecurityConfig.VacAccount known = config.vacAccounts().get(account);
        if (known == null || password == null) {
            return Uni.createFrom().item(false);
        }
        if (known.passwordSha256().isPresent()) {
            return Uni.createFrom().item(Hashes.matches(Hashes.sha256(password), known.passwordSha256().get()));
        }
        Pbkdf2 hash = Pbkdf2.parse(known.passwordPbkdf2().orElseThrow());
        return Uni.createFrom().item(() -> hash != null && hash.matches(password))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /**
     * A short digest of the account's configured hash: tokens carry it, so changing the password (or removing the
     * account) makes every token issued before refused. Not the hash itself, which never leaves the configuration.
     */
    String fingerprint(String account) {
        SecurityConfig.VacAccount known = config.vacAccounts().get(account);
        if (known == null) {
            return null;
        }
        return fingerprint(account, known.passwordPbkdf2().or(known::passwordSha256).orElseThrow());
    }

    static String fingerprint(String account, String configuredHash) {
        byte[] digest = Hashes.sha256("vac-account|" + account + "|" + configuredHash);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
    }

    /** A parsed {@code pbkdf2-sha256:iterations:salt:hash}. */
    record Pbkdf2(int iterations, byte[] salt, byte[] hash) {

        static Pbkdf2 parse(String text) {
            Matcher m = PBKDF2.matcher(text.strip());
            if (!m.matches()) {
                return null;
            }
            return new Pbkdf2(Integer.parseInt(m.group(1)), hex(m.group(2)), hex(m.group(3)));
        }

        private static byte[] hex(String text) {
            return HexFormat.of().parseHex(text.replace(":", ""));
        }

        boolean matches(String password) {
            return MessageDigest.isEqual(derive(password, salt, iterations, hash.length), hash);
        }

        static byte[] derive(String password, byte[] salt, int iterations, int length) {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, length * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
            } finally {
                spec.clearPassword();
            }
        }

        /** The configuration text for a password (tests, and README's recipe does the same). */
        static String of(String password, byte[] salt, int iterations) {
            return PBKDF2_PREFIX + ":" + iterations + ":" + HexFormat.of().formatHex(salt) + ":"
                    + HexFormat.of().formatHex(derive(password, salt, iterations, 32));
        }
    }
}
