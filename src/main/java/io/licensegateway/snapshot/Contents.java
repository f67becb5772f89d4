package io.licensegateway.snapshot;

import java.util.List;

import io.licensegateway.upstream.Fetched;
import io.licensegateway.upstream.PageDigests;
import io.licensegateway.upstream.UpstreamLicense;

/**
 * A console's complete license list with each license's digest and the console's content hash
 * ({@link ContentHash}), and the pages it was read from. Computed by the thread that parsed the list, before the
 * write transaction, so the hashing never runs on an event loop. A fetch whose pages were all the current snapshot's
 * has no licenses: {@link #unchanged()}.
 */
public record Contents(List<UpstreamLicense> licenses, byte[][] digests, String hash, PageDigests pages) {

    public static Contents of(Fetched fetched) {
        if (fetched.unchanged()) {
            return new Contents(null, null, null, fetched.pages());
        }
        byte[][] digests = ContentHash.ofEach(fetched.licenses());
        return new Contents(fetched.licenses(), digests, ContentHash.ofAll(fetched.licenses(), digests), fetched.pages());
    }

    public boolean unchanged() {
        return licenses == null;
    }
}
