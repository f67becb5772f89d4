package io.licensegateway.upstream.v3;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.upstream.Answer;
import io.licensegateway.upstream.Authorizer;
import io.licensegateway.upstream.ConsoleHttp;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.HttpAnswers;
import io.licensegateway.upstream.JsonFields;
import io.licensegateway.upstream.UpstreamException;
import io.smallrye.mutiny.Uni;

/**
 * Sends one v3 GET and answers its body: authorised, failures read from the error envelope, and a 202 (the
 * console turned a slow request into an async action) followed to the action's result. Polling has no deadline
 * of its own: the caller's per-console deadline cancels it.
 */
final class V3Requests {

    static final String ACTION = "GET /api/v3/asyncActions";
    private static final String ACTION_PATH = "/api/v3/asyncActions/";
    private static final Pattern ACTION_ID = Pattern.compile("/asyncActions/([A-Za-z0-9-]{1,64})/?(?:[?#].*)?$");
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(2);

    private final ConsoleHttp http;
    private final Authorizer authorizer;
    private final V3Errors errors;
    private final ObjectMapper json;

    V3Requests(ConsoleHttp http, Authorizer authorizer, V3Errors errors, ObjectMapper json) {
        this.http = http;
        this.authorizer = authorizer;
        this.errors = errors;
        this.json = json;
    }

    /** The body of {@code GET path?query}, {@code request} naming it in failures. */
    Uni<byte[]> get(String path, Map<String, ?> query, String request) {
        return authorizer.authorized(bearer -> http.get(path, query, bearer, request))
                .flatMap(answer -> answer.status() == 202 ? awaitAction(actionId(answer, request), request, FIRST_POLL)
                : Uni.createFrom().item(() -> HttpAnswers.bytesOf(answer, request, errors)));
    }

    private static String actionId(Answer answer, String request) {
        String location = answer.header("Location");
        Matcher matcher = ACTION_ID.matcher(location == null ? "" : location);
        if (!matcher.find()) {
            throw new UpstreamException(ErrorKind.BAD_RESPONSE,
                    request + " answered 202 without a Location of an async action");
        }
        return matcher.group(1);
    }

    private Uni<byte[]> awaitAction(String id, String request, Duration wait) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                .flatMap(ignored -> authorizer.authorized(bearer -> http.get(ACTION_PATH + id, Map.of(), bearer, ACTION)))
                .map(answer -> JsonFields.tree(json, HttpAnswers.bodyOf(answer, ACTION, errors), ACTION))
                .flatMap(action -> switch (status(action)) {
                    case "running" -> awaitAction(id, request, min(wait.multipliedBy(2), LONGEST_POLL));
                    case "succeed" -> authorizer.authorized(bearer -> http.get(ACTION_PATH + id + "/result", Map.of(),
                            bearer, ACTION + "/result")).map(answer -> HttpAnswers.bytesOf(answer, ACTION + "/result", errors));
                    case "canceled", "failed" -> Uni.createFrom().failure(new UpstreamException(ErrorKind.SERVER_ERROR,
                            "the async action of " + request + " " + status(action)
                                    + V3Errors.said(V3Errors.firstError(action), -1)));
                    default -> Uni.createFrom().failure(new UpstreamException(ErrorKind.BAD_RESPONSE,
                            ACTION + " answered an unknown status"));
                });
    }

    private static String status(JsonNode action) {
        return action.path("data").path("status").asText("").toLowerCase(Locale.ROOT);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
