package io.licensegateway.security;

import java.time.Clock;
import java.time.Instant;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Short-lived tokens for VAC clients: signed text {@code kind|account|expiry}, so any replica can check them
 * without shared sessions. Access tokens authorise reads; refresh tokens only buy a new pair.
 */
@ApplicationScoped
public class VacTokens {

    private final Signer signer;
    private final SecurityConfig config;
    private final Clock clock = Clock.systemUTC();

    VacTokens(Signer signer, SecurityConfig config) {
        this.signer = signer;
        this.config = config;
    }

    public record Pair(String accessToken, String refreshToken, long expiresIn) {
    }

    Uni<Pair> issue(String account) {
        long lifetime = config.vacTokenLifetime().toSeconds();
        Instant now = clock.instant();
        return signer.sign("access|" + account + "|" + now.plusSeconds(lifetime).getEpochSecond())
                .flatMap(access -> signer.sign("refresh|" + account + "|" + now.plusSeconds(lifetime * 8).getEpochSecond())
                        .map(refresh -> new Pair(access, refresh, lifetime)));
    }

    /** The account an unexpired token of this kind was issued to, or null. */
    Uni<String> account(String token, String kind) {
        return signer.verify(token).map(payload -> {
            if (payload == null) {
                return null;
            }
            String[] parts = payload.split("\\|");
            boolean valid = parts.length == 3 && parts[0].equals(kind)
                    && Long.parseLong(parts[2]) > clock.instant().getEpochSecond()
                    && config.vacAccounts().containsKey(parts[1]);
            return valid ? parts[1] : null;
        });
    }
}
