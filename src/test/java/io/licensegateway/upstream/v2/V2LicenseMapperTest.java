package io.licensegateway.upstream.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;

class V2LicenseMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final V2LicenseMapper mapper = new V2LicenseMapper();

    @Test
    void mapsEveryFieldOfVeeamsDocumentedExample() throws IOException {
        List<UpstreamLicense> licenses = mapper.page(fixture("vac-v2-cloudconnectLicenses.json").getBytes(StandardCharsets.UTF_8));

        assertThat(licenses).hasSize(1);
        UpstreamLicense l = licenses.get(0);
        assertThat(l.id()).isEqualTo("514c45eb-9543-4799-8003-1e59385b774c");
        assertThat(l.contactPerson()).isEqualTo("John Smith");
        assertThat(l.licenseAdministratorEmail()).isEqualTo("admin@cp.com");
        assertThat(l.licenseeEmail()).isEqualTo("j_smith@cp.com");
        assertThat(l.edition()).isEqualTo("Enterprise Plus");
        assertThat(l.licensedTo()).isEqualTo("Cloud Provider AG");
        assertThat(l.licenseType()).isEqualTo("Rental");
        assertThat(l.status()).isEqualTo("Valid");
        assertThat(l.supportId()).isEqualTo("987412365");
        assertThat(l.licenseExpirationDate()).isEqualTo(OffsetDateTime.parse("2020-10-24T21:00:00Z"));
        assertThat(l.supportExpirationDate()).isEqualTo(OffsetDateTime.parse("2020-10-24T21:00:00Z"));
        assertThat(l.licensedVms()).isZero();
        assertThat(l.usedVms()).isZero();
        assertThat(l.backupServerName()).isEqualTo("VAC");
        assertThat(l.companyName()).isEqualTo("My Company");
        assertThat(l.newVms()).isZero();
        assertThat(l.licensedCloudconnectBackups()).isEqualTo(501);
        assertThat(l.usedCloudconnectBackups()).isEqualTo(213);
        assertThat(l.licensedCloudconnectReplicas()).isEqualTo(502);
        assertThat(l.usedCloudconnectReplicas()).isEqualTo(94);
        assertThat(l.licensedCloudconnectServers()).isZero();
        assertThat(l.usedCloudconnectServers()).isZero();
        assertThat(l.licensedCloudconnectWorkstations()).isZero();
        assertThat(l.usedCloudconnectWorkstations()).isZero();
        assertThat(l.totalInstances()).isEqualByComparingTo("1000");
        assertThat(l.usedInstances()).isEqualByComparingTo("0");
        assertThat(json.readTree(l.raw()).at("/_links/self/href").asText()).endsWith("/v2/cloudLicenses/" + l.id());
    }

    @Test
    void acceptsNullsSevenFractionDigitsOffsetsAndUnknownFields() throws IOException {
        UpstreamLicense l = page("""
                [{"id":"a","contactPerson":null,"licensedTo":null,"supportExpirationDate":null,
                  "licenseExpirationDate":"2018-11-24T07:50:42.2423906+03:00","edition":"EnterprisePlus",
                  "usedInstances":0.33,"somethingNew":{"x":1}}]""").get(0);

        assertThat(l.contactPerson()).isNull();
        assertThat(l.licensedTo()).isNull();
        assertThat(l.supportExpirationDate()).isNull();
        assertThat(l.licenseExpirationDate()).isEqualTo(OffsetDateTime.parse("2018-11-24T04:50:42.2423906Z"));
        assertThat(l.edition()).isEqualTo("Enterprise Plus");
        assertThat(l.usedInstances()).isEqualByComparingTo(new BigDecimal("0.33"));
        assertThat(l.licensedCloudconnectBackups()).isNull();
        assertThat(json.readTree(l.raw()).at("/somethingNew/x").asInt()).isEqualTo(1);
    }

    @Test
    void acceptsADateWithoutOffsetAsUtc() {
        UpstreamLicense l = page("[{\"id\":\"a\",\"licenseExpirationDate\":\"2020-10-24T21:00:00\"}]").get(0);

        assertThat(l.licenseExpirationDate()).isEqualTo(OffsetDateTime.parse("2020-10-24T21:00:00Z"));
    }

    @Test
    void rejectsBodiesThatAreNotALicenseArray() {
        for (String body : List.of("<html>oops</html>", "{\"Message\":\"x\"}", "[{\"id\":null}]",
                "[{\"id\":\"a\",\"licenseExpirationDate\":\"soon\"}]", "[{\"id\":\"a\",\"usedVMs\":\"many\"}]")) {
            assertThatThrownBy(() -> page(body)).as(body).isInstanceOf(UpstreamException.class)
                    .satisfies(e -> assertThat(((UpstreamException) e).kind()).isEqualTo(ErrorKind.BAD_RESPONSE));
        }
    }

    @Test
    void keepsEachItemsBytesExactlyAsReceived() {
        String first = "{ \"id\" : \"a\", \"companyName\":\"M\\u00fcller\", \"usedInstances\": 1.50 }";
        String second = "{\"id\":\"b\",\"_links\":{\"self\":{\"href\":\"/x\"}}}";
        List<UpstreamLicense> licenses = page("[\n  " + first + ",\n  " + second + "\n]");

        assertThat(new String(licenses.get(0).raw(), StandardCharsets.UTF_8)).isEqualTo(first);
        assertThat(new String(licenses.get(1).raw(), StandardCharsets.UTF_8)).isEqualTo(second);
        assertThat(licenses.get(0).companyName()).isEqualTo("Müller");
    }

    private List<UpstreamLicense> page(String body) {
        return mapper.page(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = V2LicenseMapperTest.class.getResourceAsStream("/fixtures/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
