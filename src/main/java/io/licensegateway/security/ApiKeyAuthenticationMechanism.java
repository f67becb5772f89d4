package io.licensegateway.security;

import java.security.Principal;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import io.licensegateway.web.Problem;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Authenticates API calls by API key ({@code X-API-Key} or {@code Authorization: Bearer}) or by a token from
 * the VAC-compatible {@code POST /token}. Any other bearer token is left to OIDC when that is enabled.
 * Wrong credentials fail; no credentials leave the caller anonymous (and {@code @RolesAllowed} answers 401).
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {

    static final String API_KEY_HEADER = "X-API-Key";

    private final SecurityConfig config;
    private final VacTokens tokens;
    private final AuthThrottle throttle;
    private final ClientAddresses addresses;

    ApiKeyAuthenticationMechanism(SecurityConfig config, VacTokens tokens, AuthThrottle throttle,
            ClientAddresses addresses) {
        this.config = config;
        this.tokens = tokens;
        this.throttle = throttle;
        this.addresses = addresses;
        if (config.apiKeys().isEmpty() && config.vacAccounts().isEmpty() && !config.oidc().enabled()) {
            Log.warn("No API keys, VAC accounts or OIDC configured: every API call will be refused (401)");
        }
    }

    /**
     * A locked address is refused before its credential is looked at (whatever it is, so a lock never tells a right
     * guess from a wrong one); failures are thrown as {@link RefusedCredential} and counted where they are answered,
     * {@link AuthenticationFailures}, together with those of OIDC.
     */
    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String apiKey = context.request().getHeader(API_KEY_HEADER);
        String authorization = context.request().getHeader("Authorization");
        String bearer = apiKey == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if (apiKey == null && bearer == null) {
            return Uni.createFrom().nullItem();
        }
        String presented = apiKey != null ? apiKey : bearer;
        SecurityConfig.ApiKey key = null;
        String keyName = null;
        // compares against every configured hash, so timing does not tell which key nearly matched
        byte[] hash = Hashes.sha256(presented);
        for (Map.Entry<String, SecurityConfig.ApiKey> entry : config.apiKeys().entrySet()) {
            if (Hashes.matches(hash, entry.getValue().sha256()) && key == null) {
                key = entry.getValue();
                keyName = entry.getKey();
            }
        }
        CredentialKind kind = key != null || apiKey != null ? CredentialKind.API_KEY
                : looksLikeOurs(bearer) ? CredentialKind.VAC_TOKEN
                : config.oidc().enabled() ? CredentialKind.OIDC_TOKEN : CredentialKind.API_KEY;
        Duration locked = throttle.lockedFor(addresses.of(context.request()), null);
        if (locked != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(new AddressLocked(kind, locked)));
        }
        if (key != null) {
            return Uni.createFrom().item(identity(Principals.API_KEY + keyName, key.role()));
        }
        return switch (kind) {
            case VAC_TOKEN -> tokens.account(bearer).map(account -> {
                if (account == null) {
                    throw new AuthenticationFailedException(new RefusedCredential(CredentialKind.VAC_TOKEN, null));
                }
                return identity(Principals.VAC + account, Role.READER);
            });
            case OIDC_TOKEN -> Uni.createFrom().nullItem();
            default -> Uni.createFrom().failure(
                    new AuthenticationFailedException(new RefusedCredential(CredentialKind.API_KEY, null)));
        };
    }

    /** Our tokens are {@code keyId~base64url.base64url} (earlier: without the key id); OIDC JWTs have two dots. */
    private static boolean looksLikeOurs(String bearer) {
        return bearer.indexOf('.') > 0 && bearer.indexOf('.') == bearer.lastIndexOf('.');
    }

    private static SecurityIdentity identity(String name, Role role) {
        Principal principal = () -> name;
        return QuarkusSecurityIdentity.builder().setPrincipal(principal).addRoles(role.grants()).build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", Problem.BEARER_CHALLENGE));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }
}
