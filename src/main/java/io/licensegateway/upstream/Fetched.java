package io.licensegateway.upstream;

import java.util.List;

/**
 * What one fetch of a console brought: every license, or — when each page was byte for byte the one the console
 * answered for its current snapshot — nothing to read ({@link #unchanged()}); and the digests of the pages either way.
 */
public record Fetched(List<UpstreamLicense> licenses, PageDigests pages) {

    public static Fetched unchanged(PageDigests pages) {
        return new Fetched(null, pages);
    }

    public boolean unchanged() {
        return licenses == null;
    }
}
