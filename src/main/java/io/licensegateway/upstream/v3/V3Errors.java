package io.licensegateway.upstream.v3;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.licensegateway.upstream.Answer;
import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.FailureReader;
import io.licensegateway.upstream.HttpAnswers;
import io.licensegateway.upstream.UpstreamException;

/**
 * Reads the v3 error envelope {@code {"errors":[{"message","type","code","retryAfter"}]}} on top of the status
 * mapping every flavour shares. The {@code type} says more than the status, because VSPC answers every server
 * error as 520: {@code transport} and {@code retryableLogical} ask for a resend, {@code logical} is a client
 * bug, {@code security} is an authentication or authorisation failure. A 429 carries its wait in
 * {@code retryAfter} (seconds); the {@code Retry-After} header is the fallback.
 */
final class V3Errors implements FailureReader {

    private static final int MAX_MESSAGE = 200;

    private final ObjectMapper json;

    V3Errors(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public UpstreamException failure(Answer answer, String request) {
        return refine(HttpAnswers.failure(answer, request), answer.status(), answer.text());
    }

    /** {@code byStatus} sharpened by the first error of {@code body}'s envelope, if it has one. */
    UpstreamException refine(UpstreamException byStatus, int status, String body) {
        JsonNode error = firstError(envelope(body));
        if (error.isMissingNode()) {
            return byStatus;
        }
        return new UpstreamException(kind(error.path("type").asText(""), status, byStatus.kind()),
                byStatus.getMessage() + said(error, status), retryAfter(error).or(byStatus::retryAfter));
    }

    /** The first error of an envelope, or a missing node. */
    static JsonNode firstError(JsonNode envelope) {
        JsonNode errors = envelope.path("errors");
        return errors.isArray() && !errors.isEmpty() && errors.get(0).isObject() ? errors.get(0) : MissingNode.getInstance();
    }

    /**
     * {@code ; console says "…" (type, code N)}: the console's own words, cut short and stripped of control
     * characters, since they end up in logs and API answers. The code is shown only where it adds to the status.
     */
    static String said(JsonNode error, int status) {
        String message = error.path("message").asText("").replaceAll("\\p{Cntrl}", " ").strip();
        if (message.length() > MAX_MESSAGE) {
            message = message.substring(0, MAX_MESSAGE) + "…";
        }
        String type = error.path("type").asText("");
        JsonNode code = error.path("code");
        String codeText = code.isNumber() && code.asInt() != status ? "code " + code.asInt() : "";
        String details = Stream.of(type, codeText).filter(Predicate.not(String::isEmpty)).collect(Collectors.joining(", "));
        return (message.isEmpty() ? "" : "; console says \"" + message + "\"") + (details.isEmpty() ? "" : " (" + details + ")");
    }

    private static ErrorKind kind(String type, int status, ErrorKind byStatus) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "security" -> status == 403 ? ErrorKind.FORBIDDEN : ErrorKind.AUTH;
            case "transport", "retryablelogical" -> byStatus.retryable() ? byStatus : ErrorKind.SERVER_ERROR;
            case "logical" -> byStatus.retryable() ? ErrorKind.CLIENT_ERROR : byStatus;
            default -> byStatus;
        };
    }

    private static Optional<Duration> retryAfter(JsonNode error) {
        JsonNode seconds = error.path("retryAfter");
        return seconds.isIntegralNumber() || seconds.isTextual()
                ? UpstreamException.retryAfterSeconds(seconds.asText()) : Optional.empty();
    }

    private JsonNode envelope(String body) {
        try {
            JsonNode tree = body.isBlank() ? null : json.readTree(body);
            return tree == null ? MissingNode.getInstance() : tree;
        } catch (Exception notJson) {
            // An HTML error page from a proxy, say: the status alone has to do.
            return MissingNode.getInstance();
        }
    }
}
