package io.licensegateway.upstream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.console.Credentials;
import io.smallrye.mutiny.Uni;

/**
 * The OAuth2 password/refresh-token flow VAC and VSPC share: logs in with the password grant, refreshes
 * before the access token expires, and on a 401 logs in again exactly once. Calls may run in parallel: a token
 * rejected under several of them leads to one login, which they all wait for.
 */
public final class OAuthSession implements Authorizer {

    private final Function<Map<String, String>, Uni<Answer>> tokenEndpoint;
    private final String tokenPath;
    private final Credentials credentials;
    private final FailureReader failures;
    private final ObjectMapper mapper;
    private final Clock clock;
    private volatile Tokens tokens;
    /** The password grant under way, if any. */
    private Uni<String> loggingIn;

    /** {@code failures} reads the token endpoint's answers other than 400/401 (throttling, server errors). */
    public OAuthSession(Function<Map<String, String>, Uni<Answer>> tokenEndpoint, String tokenPath,
            Credentials credentials, FailureReader failures, ObjectMapper mapper, Clock clock) {
        this.tokenEndpoint = tokenEndpoint;
        this.tokenPath = tokenPath;
        this.credentials = credentials;
        this.failures = failures;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** A 401 discards the tokens, logs in again and repeats the call once; the second answer is final. */
    @Override
    public Uni<Answer> authorized(Function<String, Uni<Answer>> call) {
        return bearer().flatMap(header -> call.apply(header).flatMap(answer -> answer.status() != 401
                ? Uni.createFrom().item(answer)
                : afterRejection(header).flatMap(call::apply)));
    }

    /**
     * A fresh header once {@code rejected} was refused: the one a parallel call already logged in for, or a new login
     * (shared by every call that is refused meanwhile).
     */
    private synchronized Uni<String> afterRejection(String rejected) {
        Tokens current = tokens;
        if (current != null && !current.header().equals(rejected)) {
            return Uni.createFrom().item(current.header());
        }
        tokens = null;
        return login();
    }

    @Override
    public Uni<Void> ready() {
        return bearer().replaceWithVoid();
    }

    private Uni<String> bearer() {
        Instant now = clock.instant();
        if (tokens != null && now.isBefore(tokens.refreshAt())) {
            return Uni.createFrom().item(tokens.header());
        }
        if (tokens != null && tokens.refreshToken() != null) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "refresh_token");
            form.put("refresh_token", tokens.refreshToken());
            return grant(form).onFailure().recoverWithUni(refreshFailed -> login());
        }
        return login();
    }

    /** One password grant at a time: calls that need a login while one is under way wait for that one. */
    private synchronized Uni<String> login() {
        if (loggingIn == null) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "password");
            form.put("username", credentials.username().orElse(""));
            form.put("password", credentials.password().orElse(""));
            loggingIn = grant(form).onTermination().invoke(this::loggedIn).memoize().indefinitely();
        }
        return loggingIn;
    }

    private synchronized void loggedIn() {
        loggingIn = null;
    }

    private Uni<String> grant(Map<String, String> form) {
        tokens = null;
        return tokenEndpoint.apply(form).map(answer -> {
            if (answer.status() == 400 || answer.status() == 401) {
                throw new UpstreamException(ErrorKind.AUTH, "HTTP " + answer.status() + " from POST " + tokenPath
                        + ": the console rejected the " + form.get("grant_type") + " grant");
            }
            tokens = parse(HttpAnswers.bodyOf(answer, "POST " + tokenPath, failures));
            return tokens.header();
        });
    }

    private Tokens parse(String body) {
        JsonNode json = JsonFields.tree(mapper, body, "POST " + tokenPath);
        String access = json.path("access_token").asText(null);
        if (access == null || access.isBlank()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE, "the token response of POST " + tokenPath
                    + " has no access_token");
        }
        long lifetime = json.path("expires_in").asLong(3600);
        // Refresh once 90% of the lifetime has passed, so a token never expires during a fetch.
        Instant refreshAt = clock.instant().plus(Duration.ofSeconds(lifetime).multipliedBy(9).dividedBy(10));
        return new Tokens("Bearer " + access, json.path("refresh_token").asText(null), refreshAt);
    }

    private record Tokens(String header, String refreshToken, Instant refreshAt) {
        @Override
        public String toString() {
            return "Tokens[refreshAt=" + refreshAt + "]";
        }
    }
}
