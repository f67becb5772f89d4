package io.licensegateway.operations;

import java.util.Arrays;

/**
 * One console's summary row of one dimension ({@code license_rollup}: edition, status or license type): its license
 * count, how many use more than licensed or nearly, and (editions only) the sorted expiry dates in epoch
 * milliseconds, so that the expired and expiring counts are binary searches at scrape time.
 */
record LicenseGroups(String console, String dimension, String key, long licenses, long overLimit, long nearLimit,
        long[] expirations) {

    /** Licenses whose expiry lies before {@code instant}. */
    long expiringBefore(long instant) {
        int at = Arrays.binarySearch(expirations, instant);
        if (at < 0) {
            return -at - 1L;
        }
        while (at > 0 && expirations[at - 1] == instant) {
            at--;
        }
        return at;
    }
}
