package io.licensegateway.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.licensegateway.upstream.UpstreamLicense;

class ContentHashTest {

    @Test
    void aRenamedSiteChangesTheHashThoughTheRawLicenseDoesNot() {
        assertThat(hash(List.of(license("a", "vcc-1")))).isNotEqualTo(hash(List.of(license("a", "vcc-2"))));
        assertThat(hash(List.of(license("a", "vcc-1"), license("b", null))))
                .isEqualTo(hash(List.of(license("b", null), license("a", "vcc-1"))));
    }

    @Test
    void eachLicenseHasItsOwnDigestThatOnlyItsContentMoves() {
        byte[][] first = ContentHash.ofEach(List.of(license("a", "vcc-1"), license("b", "vcc-1")));
        byte[][] second = ContentHash.ofEach(List.of(license("a", "vcc-1"), license("b", "vcc-2")));
        assertThat(first[0]).isEqualTo(second[0]).hasSize(32);
        assertThat(first[1]).isNotEqualTo(second[1]);
    }

    private static String hash(List<UpstreamLicense> licenses) {
        return ContentHash.ofAll(licenses, ContentHash.ofEach(licenses));
    }

    private static UpstreamLicense license(String id, String backupServerName) {
        return new UpstreamLicense(id, null, null, null, null, null, null, null, null, null, null, null, null,
                backupServerName, null, null, null, null, null, null, null, null, null, null, null, null, null,
                ("{\"siteUid\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
