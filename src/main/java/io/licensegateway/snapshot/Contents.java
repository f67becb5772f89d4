package io.licensegateway.snapshot;

import java.util.List;

import io.licensegateway.upstream.UpstreamLicense;

/**
 * A console's complete license list with each license's digest and the console's content hash
 * ({@link ContentHash}). Computed by the thread that parsed the list, before the write transaction, so the
 * hashing never runs on an event loop.
 */
public record Contents(List<UpstreamLicense> licenses, byte[][] digests, String hash) {

    public static Contents of(List<UpstreamLicense> licenses) {
        byte[][] digests = ContentHash.ofEach(licenses);
        return new Contents(licenses, digests, ContentHash.ofAll(licenses, digests));
    }
}
