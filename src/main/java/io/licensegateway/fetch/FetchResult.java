package io.licensegateway.fetch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.licensegateway.upstream.UpstreamException;
import io.licensegateway.upstream.UpstreamLicense;

/** What one console's fetch produced: all its licenses, or the failure that ended it. */
record FetchResult(String console, List<UpstreamLicense> licenses, UpstreamException failure, int attempts,
        Instant startedAt, Duration duration) {

    boolean succeeded() {
        return failure == null;
    }
}
