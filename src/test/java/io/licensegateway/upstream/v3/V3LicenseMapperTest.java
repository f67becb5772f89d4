package io.licensegateway.upstream.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.licensegateway.upstream.ErrorKind;
import io.licensegateway.upstream.JsonItem;
import io.licensegateway.upstream.JsonItems;
import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;

class V3LicenseMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final V3LicenseMapper mapper = new V3LicenseMapper();

    /** Every documented SiteLicense field, values as in VSPC's schema example where it gives one. */
    private static final String SITE_LICENSE = """
            {"siteUid":"DF997BD3-4AE9-4841-8152-8FF5CC703EAB","autoUpdateEnabled":true,"edition":"EnterprisePlus",
             "monitoring":true,"packages":["Suite"],"company":"Cloud Provider AG","email":"j_smith@cp.com",
             "contactPerson":"John Smith","expirationDate":"2018-10-24T14:00:00.0000000-07:00",
             "supportExpirationDate":null,"licenseIds":["514c45eb-9543-4799-8003-1e59385b774c"],
             "supportIds":["987412365","111"],"sectionTypes":["Instance"],"status":"Valid","cloudConnect":"Yes",
             "units":1000,"usedUnits":100.5,"unitType":"Instances","type":"Rental","somethingNew":{"x":1}}""";

    private static final String SITE = """
            {"siteName":"vcc-eu-1","siteUid":"df997bd3-4ae9-4841-8152-8ff5cc703eab","description":"",
             "backupServerUid":"5f4bd1b8-0000-0000-0000-000000000001","maintenanceModeIsEnabled":false}""";

    @Test
    void mapsEveryDocumentedFieldAndJoinsTheSiteName() throws Exception {
        UpstreamLicense l = mapper.licenses(List.of(node(SITE_LICENSE)), List.of(node(SITE, V3LicenseMapper.SITE_FIELDS))).get(0);

        assertThat(l.id()).isEqualTo("DF997BD3-4AE9-4841-8152-8FF5CC703EAB");
        assertThat(l.licensedTo()).isEqualTo("Cloud Provider AG");
        assertThat(l.companyName()).isEqualTo("Cloud Provider AG");
        assertThat(l.contactPerson()).isEqualTo("John Smith");
        assertThat(l.licenseAdministratorEmail()).isNull();
        assertThat(l.licenseeEmail()).isEqualTo("j_smith@cp.com");
        assertThat(l.edition()).isEqualTo("Enterprise Plus");
        assertThat(l.licenseType()).isEqualTo("Rental");
        assertThat(l.status()).isEqualTo("Valid");
        assertThat(l.supportId()).isEqualTo("987412365");
        assertThat(l.monitoring()).isEqualTo("Yes");
        assertThat(l.licenseExpirationDate()).isEqualTo(OffsetDateTime.parse("2018-10-24T21:00:00Z"));
        assertThat(l.supportExpirationDate()).isNull();
        // The join ignores the case of the UID: the two resources need not print it alike.
        assertThat(l.backupServerName()).isEqualTo("vcc-eu-1");
        assertThat(l.totalInstances()).isEqualByComparingTo("1000");
        assertThat(l.usedInstances()).isEqualByComparingTo("100.5");
        assertThat(Arrays.asList(l.licensedVms(), l.usedVms(), l.newVms(), l.licensedCloudconnectBackups(),
                l.usedCloudconnectBackups(), l.licensedCloudconnectReplicas(), l.usedCloudconnectReplicas(),
                l.licensedCloudconnectServers(), l.usedCloudconnectServers(), l.licensedCloudconnectWorkstations(),
                l.usedCloudconnectWorkstations())).containsOnlyNulls();
        assertThat(new String(l.raw(), StandardCharsets.UTF_8)).isEqualTo(SITE_LICENSE);
    }

    @Test
    void keepsPointsOutOfTheInstanceFields() throws Exception {
        for (String unitType : List.of("Points", "Unknown")) {
            UpstreamLicense l = mapper.license(node("""
                    {"siteUid":"a","units":12.5,"usedUnits":3,"unitType":"%s"}""".formatted(unitType)), Map.of());

            assertThat(l.totalInstances()).as(unitType).isNull();
            assertThat(l.usedInstances()).as(unitType).isNull();
            assertThat(json.readTree(l.raw()).path("units").asDouble()).isEqualTo(12.5);
            assertThat(json.readTree(l.raw()).path("unitType").asText()).isEqualTo(unitType);
        }
        UpstreamLicense untyped = mapper.license(node("{\"siteUid\":\"a\",\"units\":7,\"usedUnits\":2}"), Map.of());
        assertThat(untyped.totalInstances()).isEqualByComparingTo("7");
    }

    @Test
    void acceptsMissingOptionalFields() throws Exception {
        UpstreamLicense l = mapper.licenses(List.of(node("""
                {"siteUid":"a","monitoring":false,"supportIds":[],"company":null}""")), List.of()).get(0);

        assertThat(l.monitoring()).isEqualTo("No");
        assertThat(l.supportId()).isNull();
        assertThat(l.licensedTo()).isNull();
        assertThat(l.backupServerName()).isNull();
        assertThat(l.totalInstances()).isNull();
    }

    @Test
    void rejectsItemsItCannotStore() {
        for (String items : List.of("[{\"units\":1}]", "[{\"siteUid\":\"a\"},{\"siteUid\":\"A\"}]",
                "[{\"siteUid\":\"a\",\"units\":\"many\"}]", "[{\"siteUid\":\"a\",\"supportIds\":\"1\"}]",
                "[{\"siteUid\":\"a\",\"expirationDate\":\"soon\"}]")) {
            assertThatThrownBy(() -> mapper.licenses(list(items), List.of())).as(items)
                    .isInstanceOf(UpstreamException.class)
                    .satisfies(e -> assertThat(((UpstreamException) e).kind()).isEqualTo(ErrorKind.BAD_RESPONSE));
        }
    }

    private static JsonItem node(String text) {
        return node(text, V3LicenseMapper.LICENSE_FIELDS);
    }

    private static JsonItem node(String text, JsonItems.Fields fields) {
        return list("[" + text + "]", fields).get(0);
    }

    private static List<JsonItem> list(String array) {
        return list(array, V3LicenseMapper.LICENSE_FIELDS);
    }

    private static List<JsonItem> list(String array, JsonItems.Fields fields) {
        byte[] body = array.getBytes(StandardCharsets.UTF_8);
        try (JsonParser parser = JsonItems.open(body, "test")) {
            return JsonItems.array(parser, body, fields, "test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
