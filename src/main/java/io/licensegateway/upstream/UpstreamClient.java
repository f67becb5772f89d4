package io.licensegateway.upstream;

import java.util.List;

import io.smallrye.mutiny.Uni;

/**
 * The seam between the gateway and one console, whatever API it speaks. One instance per console; calls on
 * one instance never overlap. Failures are {@link UpstreamException}s.
 */
public interface UpstreamClient {

    /** Every Cloud Connect license of the console, all pages, or a failure; never a partial list. */
    Uni<List<UpstreamLicense>> fetchLicenses();
}
