package io.licensegateway.security;

import java.security.Principal;
import java.util.Map;
import java.util.Set;

import io.licensegateway.problem.Problem;
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

    ApiKeyAuthenticationMechanism(SecurityConfig config, VacTokens tokens) {
        this.config = config;
        this.tokens = tokens;
        if (config.apiKeys().isEmpty() && config.vacAccounts().isEmpty() && !config.oidc().enabled()) {
            Log.warn("No API keys, VAC accounts or OIDC configured: every API call will be refused (401)");
        }
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String apiKey = context.request().getHeader(API_KEY_HEADER);
        if (apiKey != null) {
            return byApiKey(apiKey);
        }
        String authorization = context.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Uni.createFrom().nullItem();
        }
        String bearer = authorization.substring(7).trim();
        Role keyRole = roleOfKey(bearer);
        if (keyRole != null) {
            return Uni.createFrom().item(identity("api-key", keyRole));
        }
        if (looksLikeOurs(bearer)) {
            return tokens.account(bearer, "access").map(account -> {
                if (account == null) {
                    throw new AuthenticationFailedException("invalid or expired token");
                }
                return identity("vac:" + account, Role.READER);
            });
        }
        return config.oidc().enabled() ? Uni.createFrom().nullItem() : failed();
    }

    private Uni<SecurityIdentity> byApiKey(String key) {
        Role role = roleOfKey(key);
        return role == null ? failed() : Uni.createFrom().item(identity("api-key", role));
    }

    /** Compares against every configured hash, so timing does not tell which key nearly matched. */
    private Role roleOfKey(String key) {
        byte[] hash = Hashes.sha256(key);
        Role found = null;
        for (Map.Entry<String, SecurityConfig.ApiKey> entry : config.apiKeys().entrySet()) {
            if (Hashes.matches(hash, entry.getValue().sha256()) && found == null) {
                found = entry.getValue().role();
            }
        }
        return found;
    }

    /** Our tokens are {@code base64url.base64url}; OIDC JWTs have two dots. */
    private static boolean looksLikeOurs(String bearer) {
        return bearer.indexOf('.') > 0 && bearer.indexOf('.') == bearer.lastIndexOf('.');
    }

    private static Uni<SecurityIdentity> failed() {
        return Uni.createFrom().failure(new AuthenticationFailedException("invalid credentials"));
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
