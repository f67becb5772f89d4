package io.licensegateway.security;

import java.time.Clock;
import java.util.UUID;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tokens for VAC clients, signed under the tokens' key ({@link Signer}), so any replica checks an access token without
 * shared sessions. Each login starts a token family in PostgreSQL ({@code vac_token_family}), and each refresh
 * rotates it: a refresh token is good once (RFC 9700, 4.14). One presented again after its rotation, by a thief or by
 * the client it was stolen from, is refused and revokes the whole family. Every token carries the fingerprint of the
 * account's configured password hash ({@link VacPasswords#fingerprint}): a password change or the account's removal
 * refuses all tokens issued before it. An access token of a revoked family lives out its short lifetime.
 */
@ApplicationScoped
public class VacTokens {

    private static final String START = "insert into vac_token_family (id, account, generation, expires_at) "
            + "values ($1, $2, 1, now() + make_interval(secs => $3))";
    /** $1 family, $2 the generation presented, $3 the new refresh token's lifetime in seconds. */
    private static final String ROTATE = """
            update vac_token_family set generation = generation + 1, expires_at = now() + make_interval(secs => $3)
            where id = $1 and generation = $2 and revoked_at is null and expires_at > now()
            returning generation""";
    private static final String REVOKE = "update vac_token_family set revoked_at = coalesce(revoked_at, now()) "
            + "where id = $1";

    private final Signer signer;
    private final SecurityConfig config;
    private final VacPasswords passwords;
    private final Pool pool;
    private final Clock clock = Clock.systemUTC();

    VacTokens(Signer signer, SecurityConfig config, VacPasswords passwords, Pool pool) {
        this.signer = signer;
        this.config = config;
        this.passwords = passwords;
        this.pool = pool;
    }

    public record Pair(String accessToken, String refreshToken, long expiresIn) {
    }

    /** What a token says: {@code kind|account|expiry|family|generation|fingerprint}. */
    record Claims(String kind, String account, long expiry, UUID family, int generation, String fingerprint) {

        String text() {
            return String.join("|", kind, account, String.valueOf(expiry), family.toString(),
                    String.valueOf(generation), fingerprint);
        }

        /** The claims of a token's text, or null when it is not one of ours (earlier versions' tokens included). */
        static Claims parse(String text) {
            String[] parts = text == null ? new String[0] : text.split("\\|", -1);
            if (parts.length != 6) {
                return null;
            }
            try {
                return new Claims(parts[0], parts[1], Long.parseLong(parts[2]), UUID.fromString(parts[3]),
                        Integer.parseInt(parts[4]), parts[5]);
            } catch (IllegalArgumentException malformed) {
                return null;
            }
        }

        /**
         * Of the kind, unexpired, and issued under the account's current password hash ({@code fingerprint} null:
         * the account is gone).
         */
        boolean valid(String wanted, long now, String currentFingerprint) {
            return kind.equals(wanted) && expiry > now && fingerprint.equals(currentFingerprint);
        }
    }

    /** A new family and its first pair, after a right password. */
    Uni<Pair> issue(String account) {
        UUID family = UUID.randomUUID();
        return pool.preparedQuery(START).execute(Tuple.of(family, account, (double) refreshLifetime()))
                .flatMap(ignored -> pair(account, family, 1));
    }

    /**
     * The next pair of a refresh token's family, or null when the token is refused: forged, expired, from before a
     * password change, of a revoked family, or replayed after its rotation (which revokes the family).
     */
    Uni<Pair> refresh(String refreshToken) {
        return signer.verifyToken(refreshToken).flatMap(text -> {
            Claims claims = Claims.parse(text);
            if (claims == null || !claims.valid("refresh", now(), passwords.fingerprint(claims.account()))) {
                return Uni.createFrom().nullItem();
            }
            return pool.preparedQuery(ROTATE)
                    .execute(Tuple.of(claims.family(), claims.generation(), (double) refreshLifetime()))
                    .flatMap(rows -> rows.iterator().hasNext()
                            ? pair(claims.account(), claims.family(), rows.iterator().next().getInteger(0))
                            : pool.preparedQuery(REVOKE).execute(Tuple.of(claims.family())).map(revoked -> (Pair) null));
        });
    }

    /** The account an unexpired access token was issued to under its current password, or null. */
    Uni<String> account(String accessToken) {
        return signer.verifyToken(accessToken).map(text -> {
            Claims claims = Claims.parse(text);
            return claims != null && claims.valid("access", now(), passwords.fingerprint(claims.account()))
                    ? claims.account() : null;
        });
    }

    private Uni<Pair> pair(String account, UUID family, int generation) {
        long lifetime = config.vacTokenLifetime().toSeconds();
        String fingerprint = passwords.fingerprint(account);
        long now = now();
        return signer.signToken(new Claims("access", account, now + lifetime, family, generation, fingerprint).text())
                .flatMap(access -> signer.signToken(new Claims("refresh", account, now + refreshLifetime(), family,
                        generation, fingerprint).text()).map(refresh -> new Pair(access, refresh, lifetime)));
    }

    private long refreshLifetime() {
        return config.vacTokenLifetime().toSeconds() * 8;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }
}
