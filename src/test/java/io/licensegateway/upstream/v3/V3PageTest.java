package io.licensegateway.upstream.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.UpstreamException;

class V3PageTest {

    private static final String REQUEST = "GET /api/v3/licensing/sites";


    @Test
    void advancesByTheItemsReceivedUntilTheTotal() {
        V3Page first = parse("{\"data\":[{},{}],\"meta\":{\"pagingInfo\":{\"total\":3,\"count\":2,\"offset\":0}}}", 0);
        V3Page last = parse("{\"data\":[{}],\"meta\":{\"pagingInfo\":{\"total\":3,\"count\":1,\"offset\":2}}}", 2);

        assertThat(first.data()).hasSize(2);
        assertThat(first.nextOffset()).hasValue(2);
        assertThat(last.nextOffset()).isEmpty();
    }

    @Test
    void takesAnAnswerWithoutPagingInfoAsTheWholeCollection() {
        assertThat(parse("{\"data\":[{},{},{}]}", 0).nextOffset()).isEmpty();
        assertThat(parse("{\"data\":[],\"meta\":{\"pagingInfo\":{\"total\":0,\"count\":0,\"offset\":0}}}", 0)
                .nextOffset()).isEmpty();
    }

    @Test
    void failsWhenAPageDoesNotAdvance() {
        V3Page empty = parse("{\"data\":[],\"meta\":{\"pagingInfo\":{\"total\":30,\"count\":0,\"offset\":10}}}", 10);
        assertThatThrownBy(empty::nextOffset).satisfies(e -> badResponse(e, "an empty page at offset 10 of 30"));

        assertThatThrownBy(() -> parse("{\"data\":[{}],\"meta\":{\"pagingInfo\":{\"total\":30,\"offset\":0}}}", 10))
                .satisfies(e -> badResponse(e, "asked for offset 10, got offset 0"));
    }

    @Test
    void rejectsAnAnswerWithoutADataArray() {
        for (String body : new String[] { "[]", "{\"data\":null}", "{\"errors\":[]}", "<html/>", "" }) {
            assertThatThrownBy(() -> parse(body, 0)).as(body).isInstanceOf(UpstreamException.class)
                    .satisfies(e -> assertThat(((UpstreamException) e).kind()).isEqualTo(ErrorKind.BAD_RESPONSE));
        }
    }

    private V3Page parse(String body, int offset) {
        return V3Page.parse(body.getBytes(StandardCharsets.UTF_8), V3LicenseMapper.LICENSE_FIELDS, REQUEST, offset);
    }

    private static void badResponse(Throwable e, String detail) {
        assertThat(((UpstreamException) e).kind()).isEqualTo(ErrorKind.BAD_RESPONSE);
        assertThat(e.getMessage()).isEqualTo(REQUEST + " paging does not advance: " + detail);
    }
}
