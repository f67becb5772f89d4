package io.licensegateway.simulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * The OAuth2 token endpoint both flavours share (password and refresh grants, form-encoded), the tokens it
 * issued, and the random secrets of the simulated consoles. Revoking a console's tokens bumps its generation.
 */
final class SimulatedTokens {

    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Set<String> issued = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    String newSecret(int bytes) {
        byte[] secret = new byte[bytes];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    void grant(HttpServerRequest request, SimulatedConsole console, Buffer body) {
        Map<String, String> form = Forms.parse(body.toString());
        String grant = form.getOrDefault("grant_type", "");
        int generation = console.counters.tokenGeneration.get();
        if (grant.equals("password")) {
            console.counters.passwordGrants.incrementAndGet();
            if (!console.acceptsPassword(form.get("username"), form.get("password"))) {
                invalidGrant(request, "The user name or password is incorrect.");
                return;
            }
        } else if (grant.equals("refresh_token")) {
            console.counters.refreshGrants.incrementAndGet();
            Token old = tokens.remove(form.getOrDefault("refresh_token", ""));
            if (old == null || !old.refresh || !old.valid(console, generation)) {
                invalidGrant(request, "The refresh token is invalid or expired.");
                return;
            }
        } else {
            Replies.json(request, 400, new JsonObject().put("error", "unsupported_grant_type"));
            return;
        }
        long lifetimeMillis = console.tokenLifetime().toMillis();
        String access = issue(new Token(console.name(), generation, System.currentTimeMillis() + lifetimeMillis, false));
        String refresh = issue(new Token(console.name(), generation, Long.MAX_VALUE, true));
        Replies.json(request, 200, new JsonObject().put("access_token", access).put("token_type", "bearer")
                .put("expires_in", lifetimeMillis / 1000).put("refresh_token", refresh));
    }

    /** Every token issued so far, live or not (tests check none of them ever leaks). */
    Set<String> issued() {
        return Set.copyOf(issued);
    }

    /** Whether {@code authorization} carries a live access token this console issued. */
    boolean accepts(String authorization, SimulatedConsole console) {
        Token token = tokens.get(bearer(authorization));
        return token != null && !token.refresh && token.valid(console, console.counters.tokenGeneration.get());
    }

    static String bearer(String authorization) {
        return authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : "";
    }

    private static void invalidGrant(HttpServerRequest request, String description) {
        Replies.json(request, 400, new JsonObject().put("error", "invalid_grant").put("error_description", description));
    }

    private String issue(Token token) {
        String value = newSecret(24);
        tokens.put(value, token);
        issued.add(value);
        return value;
    }

    private record Token(String console, int generation, long expiresAtMillis, boolean refresh) {
        boolean valid(SimulatedConsole owner, int currentGeneration) {
            return console.equals(owner.name()) && generation == currentGeneration
                    && System.currentTimeMillis() < expiresAtMillis;
        }
    }
}
