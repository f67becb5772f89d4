package io.licensegateway.upstream;

import io.smallrye.mutiny.Uni;

/**
 * The seam between the gateway and one console, whatever API it speaks. One instance per console; calls on
 * one instance never overlap. Failures are {@link UpstreamException}s.
 */
public interface UpstreamClient {

    /**
     * Every Cloud Connect license of the console, all pages, or a failure; never a partial list. When every page is
     * one of {@code previous} (the pages read for the console's current snapshot), answers that it is unchanged
     * instead, without reading them.
     */
    Uni<Fetched> fetchLicenses(PageDigests previous);
}
