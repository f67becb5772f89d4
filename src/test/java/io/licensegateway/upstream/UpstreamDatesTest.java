package io.licensegateway.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

class UpstreamDatesTest {

    @Test
    void readsWhatConsolesSendLikeTheJdkParserDoes() {
        for (String value : new String[] { "2020-10-24T21:00:00Z", "2020-10-24T21:00:00.1234567+02:00",
                "2018-11-24T07:50:42.2423906+03:00", "2018-10-24T14:00:00.0000000-07:00", "2026-02-28T23:59:59.5Z",
                "2026-01-01T00:00:00.123456789-00:30", "2024-02-29T12:00:00+14:00" }) {
            assertThat(UpstreamDates.utc(value)).as(value)
                    .isEqualTo(OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC));
        }
    }

    @Test
    void takesADateTimeWithoutOffsetAsUtc() {
        assertThat(UpstreamDates.utc("2020-10-24T21:00:00.1234567"))
                .isEqualTo(LocalDateTime.parse("2020-10-24T21:00:00.1234567").atOffset(ZoneOffset.UTC));
    }

    @Test
    void leavesOtherIsoShapesToTheJdkParser() {
        assertThat(UpstreamDates.utc("2020-10-24T21:00Z")).isEqualTo(OffsetDateTime.parse("2020-10-24T21:00:00Z"));
    }

    @Test
    void rejectsWhatIsNotADateTime() {
        for (String value : new String[] { "soon", "2020-13-24T21:00:00Z", "2023-02-29T12:00:00Z", "2020-10-24T25:00:00",
                "2020-10-24T21:00:00+19:00", "2020-10-24 21:00:00" }) {
            assertThatThrownBy(() -> UpstreamDates.utc(value)).as(value).isInstanceOf(DateTimeParseException.class);
        }
    }
}
