package io.licensegateway.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.licensegateway.upstream.UpstreamLicense;

class ContentHashTest {

    @Test
    void aRenamedSiteChangesTheHashThoughTheRawLicenseDoesNot() {
        assertThat(ContentHash.of(List.of(license("a", "vcc-1")))).isNotEqualTo(ContentHash.of(List.of(license("a", "vcc-2"))));
        assertThat(ContentHash.of(List.of(license("a", "vcc-1"), license("b", null))))
                .isEqualTo(ContentHash.of(List.of(license("b", null), license("a", "vcc-1"))));
    }

    private static UpstreamLicense license(String id, String backupServerName) {
        return new UpstreamLicense(id, null, null, null, null, null, null, null, null, null, null, null, null,
                backupServerName, null, null, null, null, null, null, null, null, null, null, null, null, null,
                "{\"siteUid\":\"" + id + "\"}");
    }
}
