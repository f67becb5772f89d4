package io.licensegateway.upstream.v3;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.UpstreamException;

class V3ErrorsTest {

    private static final String REQUEST = "GET /api/v3/licensing/sites";

    private final V3Errors errors = new V3Errors(new ObjectMapper());

    @Test
    void takesTheWaitOfA429FromTheBodyBeforeTheHeader() {
        UpstreamException e = errors.refine(byStatus(ErrorKind.THROTTLED, 429, Duration.ofSeconds(3)), 429,
                "{\"errors\":[{\"type\":\"transport\",\"code\":429,\"retryAfter\":25}]}");

        assertThat(e.kind()).isEqualTo(ErrorKind.THROTTLED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(25));
        assertThat(e.getMessage()).isEqualTo("HTTP 429 from " + REQUEST + " (transport)");
    }

    @Test
    void fallsBackToTheRetryAfterHeader() {
        UpstreamException e = errors.refine(byStatus(ErrorKind.THROTTLED, 429, Duration.ofSeconds(3)), 429,
                "{\"errors\":[{\"type\":\"transport\",\"code\":429}]}");

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(3));
    }

    @Test
    void judgesByTheTypeWhereItSaysMoreThanTheStatus() {
        assertThat(kind(520, ErrorKind.SERVER_ERROR, "unspecified")).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(kind(520, ErrorKind.SERVER_ERROR, "logical")).isEqualTo(ErrorKind.CLIENT_ERROR);
        assertThat(kind(409, ErrorKind.CLIENT_ERROR, "retryableLogical")).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(kind(400, ErrorKind.CLIENT_ERROR, "transport")).isEqualTo(ErrorKind.SERVER_ERROR);
        assertThat(kind(400, ErrorKind.CLIENT_ERROR, "logical")).isEqualTo(ErrorKind.CLIENT_ERROR);
        assertThat(kind(401, ErrorKind.AUTH, "security")).isEqualTo(ErrorKind.AUTH);
        assertThat(kind(400, ErrorKind.CLIENT_ERROR, "security")).isEqualTo(ErrorKind.AUTH);
        assertThat(kind(403, ErrorKind.FORBIDDEN, "security")).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(kind(404, ErrorKind.NOT_FOUND, "somethingNew")).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void quotesAShortCleanServerMessageAndACodeThatDiffersFromTheStatus() {
        UpstreamException e = errors.refine(byStatus(ErrorKind.CLIENT_ERROR, 400, null), 400, """
                {"errors":[{"message":"Property value must be\\r\\nlarger or equal to 0.","type":"logical","code":1001,
                "parameterName":"offset"}]}""");

        assertThat(e.getMessage()).isEqualTo("HTTP 400 from " + REQUEST
                + "; console says \"Property value must be  larger or equal to 0.\" (logical, code 1001)");

        String longMessage = "x".repeat(5000);
        UpstreamException clipped = errors.refine(byStatus(ErrorKind.SERVER_ERROR, 520, null), 520,
                "{\"errors\":[{\"message\":\"" + longMessage + "\"}]}");
        assertThat(clipped.getMessage()).hasSizeLessThan(300).endsWith("…\"");
    }

    @Test
    void keepsTheStatusMappingForBodiesWithoutAnEnvelope() {
        UpstreamException byStatus = byStatus(ErrorKind.SERVER_ERROR, 502, null);

        for (String body : new String[] { "", "<html>Bad Gateway</html>", "{\"Message\":\"x\"}", "{\"errors\":[]}",
                "{\"errors\":null}" }) {
            assertThat(errors.refine(byStatus, 502, body)).as(body).isSameAs(byStatus);
        }
    }

    private ErrorKind kind(int status, ErrorKind byStatus, String type) {
        return errors.refine(byStatus(byStatus, status, null), status,
                "{\"errors\":[{\"message\":\"m\",\"type\":\"" + type + "\",\"code\":" + status + "}]}").kind();
    }

    private static UpstreamException byStatus(ErrorKind kind, int status, Duration retryAfter) {
        return new UpstreamException(kind, "HTTP " + status + " from " + REQUEST, Optional.ofNullable(retryAfter));
    }
}
