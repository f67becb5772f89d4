package io.licensegateway.fetch;

import java.time.Duration;
import java.time.Instant;

import io.licensegateway.upstream.Fetched;
import io.licensegateway.upstream.UpstreamException;

/** What one console's fetch produced: all its licenses (or that they are unchanged), or the failure that ended it. */
record FetchResult(String console, Fetched fetched, UpstreamException failure, int attempts,
        Instant startedAt, Duration duration) {

    boolean succeeded() {
        return failure == null;
    }
}
