package io.licensegateway.upstream;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Reads a console's HTTP answer: the body of a success, or the {@link UpstreamException} it stands for. */
public final class HttpAnswers {

    private HttpAnswers() {
    }

    /** The body of a 2xx answer as text; otherwise throws the failure {@code failures} reads from the answer. */
    public static String bodyOf(Answer answer, String request, FailureReader failures) {
        bytesOf(answer, request, failures);
        return answer.text();
    }

    /** The body of a 2xx answer as the bytes received (JSON is UTF-8); otherwise the failure it stands for. */
    public static byte[] bytesOf(Answer answer, String request, FailureReader failures) {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return answer.body();
        }
        throw failures.failure(answer, request);
    }

    public static UpstreamException failure(Answer answer, String request) {
        int status = answer.status();
        String message = "HTTP " + status + " from " + request;
        return switch (status) {
            case 401 -> new UpstreamException(ErrorKind.AUTH, message + ": credentials or token rejected");
            case 403 -> new UpstreamException(ErrorKind.FORBIDDEN, message + ": the account lacks rights");
            case 404 -> new UpstreamException(ErrorKind.NOT_FOUND, message + ": wrong URL or API version?");
            case 408 -> new UpstreamException(ErrorKind.TIMEOUT, message);
            case 429 -> new UpstreamException(ErrorKind.THROTTLED, message + ": throttled",
                    retryAfter(answer.header("Retry-After")));
            default -> new UpstreamException(status >= 500 ? ErrorKind.SERVER_ERROR : ErrorKind.CLIENT_ERROR, message);
        };
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date. */
    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = UpstreamException.retryAfterSeconds(header);
        if (seconds.isPresent()) {
            return seconds;
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            Duration wait = Duration.between(ZonedDateTime.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}
