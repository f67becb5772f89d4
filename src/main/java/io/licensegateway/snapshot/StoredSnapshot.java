package io.licensegateway.snapshot;

/** The console's current snapshot after a successful fetch; {@code changed} is false when content was identical. */
public record StoredSnapshot(long snapshotId, boolean changed, int licenseCount) {
}
